package hozon.policy.domain;

/** Legal bases a look-up may rest on (domain brief §5). */
public enum CaseType {
    /** A judge's warrant (令状). */
    WARRANT,
    /** Disclosure order (発信者情報開示命令) under the Information Distribution Platform Act. */
    DISCLOSURE_ORDER,
    /** Provision order (提供命令) under the same Act. */
    PROVISION_ORDER,
    /** Out-of-court disclosure request (発信者情報開示請求) under the Act. */
    DISCLOSURE_REQUEST,
    /** Legitimate business act protecting the service (the Guideline's example). */
    SERVICE_PROTECTION
}
