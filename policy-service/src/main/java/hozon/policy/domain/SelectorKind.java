package hozon.policy.domain;

/** What a hold (or a purpose achievement) points at. */
public enum SelectorKind {
    SUBSCRIBER,
    ACCOUNT,
    POST,
    SESSION,
    /** An IPv4/IPv6 address or prefix, optionally with a port range. */
    IP
}
