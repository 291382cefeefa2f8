package hozon.policy.domain;

import hozon.security.Roles;
import java.util.function.Predicate;

/**
 * CCP Art. 197(5): the prosecutor or police officer may ask the provider to keep a
 * preservation request itself secret. hozon makes confidentiality a property of the hold and
 * applies it wherever the hold shows up — the hold view, the policy audit trail's before/after
 * states, the approvals queue: only legal officers read a confidential hold's details
 * (authority, officer, document, scope, selectors, reasons, who placed it); everyone else sees
 * that it exists, its type, its status and its dates.
 *
 * <p>Service identities are not readers: purge-service receives a confidential hold's scope in
 * the purge plan because it executes it, and keeps only the hold's id (ledger, receipts).
 */
public final class Confidentiality {

    public static final String CCP_197_5 = "CCP Art. 197(5)";

    private Confidentiality() {
    }

    /** Whether a principal with these roles may read a confidential hold's details. */
    public static boolean mayReadDetails(Predicate<String> hasRole) {
        return hasRole.test(Roles.LEGAL_OFFICER);
    }
}
