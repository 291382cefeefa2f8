package hozon.policy.domain;

/** The legal grounds on which logs are kept past their period (domain brief §4). */
public enum HoldType {
    /** Code of Criminal Procedure Art. 197(3)/(4): ≤ 30 days, extensions ≤ 30 days, ≤ 60 days in total. */
    PRESERVATION_REQUEST,
    /** Deletion-prohibition order (消去禁止命令) under the Information Distribution Platform Act: until released. */
    DELETION_PROHIBITION_ORDER,
    /** Emergency preservation to protect own or a third party's rights: until released, reviewed often. */
    EMERGENCY_PRESERVATION,
    /** Another statute: named with its article, with an explicit end. */
    OTHER_STATUTE
}
