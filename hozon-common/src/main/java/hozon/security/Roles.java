package hozon.security;

/**
 * The roles a token's {@code groups} claim carries. People: feed, policy-admin, legal-officer,
 * auditor, purge-operator. Services call each other with their own identity and only the
 * rights they need: svc-purge (purge plans, purge execution), svc-ingest (holds revision,
 * case decisions).
 */
public final class Roles {

    public static final String FEED = "feed";
    public static final String POLICY_ADMIN = "policy-admin";
    public static final String LEGAL_OFFICER = "legal-officer";
    public static final String AUDITOR = "auditor";
    public static final String PURGE_OPERATOR = "purge-operator";
    public static final String SVC_PURGE = "svc-purge";
    public static final String SVC_INGEST = "svc-ingest";

    private Roles() {
    }
}
