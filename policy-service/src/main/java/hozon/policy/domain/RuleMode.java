package hozon.policy.domain;

/** How a rule ends retention: after a fixed period, or once the purpose is achieved (capped by the period). */
public enum RuleMode {
    PERIOD,
    UNTIL_PURPOSE_ACHIEVED
}
