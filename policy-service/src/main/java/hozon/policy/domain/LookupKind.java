package hozon.policy.domain;

/** The look-ups of the disclosure chain a case may authorise. */
public enum LookupKind {
    /** AP: (IP, port, instant) → subscriber. */
    AP_ADDRESS,
    /** CP: post → IP, port, time, or nearest logins. */
    CP_POST
}
