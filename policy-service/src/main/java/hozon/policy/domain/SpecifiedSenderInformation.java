package hozon.policy.domain;

/**
 * Specified sender information (特定発信者情報): the items of sender information that come
 * only from infringement-related communications (侵害関連通信 — the account creation, login,
 * logout or deletion closely tied to an infringing post; Platform Act Art. 5(3) and the
 * Enforcement Regulation). Art. 5(1)(iii) lets them be disclosed only under extra conditions
 * (the provider holds no other sender information that identifies the sender, among others),
 * which a court examines before it orders disclosure or provision.
 *
 * <p>Under which case types a look-up answer may carry them:
 * <ul>
 * <li>{@link CaseType#DISCLOSURE_ORDER} and {@link CaseType#PROVISION_ORDER}: yes — the court
 * has found Art. 5(1)(iii)'s conditions (Art. 8, Art. 15(1)).</li>
 * <li>{@link CaseType#WARRANT}: yes — a warrant (Code of Criminal Procedure Art. 218) names what
 * is to be produced and is not bound by the Platform Act's conditions.</li>
 * <li>{@link CaseType#DISCLOSURE_REQUEST}: no — out of court the provider itself must find the
 * conditions met, and hozon records no such finding; the items wait for a disclosure order.</li>
 * <li>{@link CaseType#SERVICE_PROTECTION}: no — a legitimate business act is not a disclosure
 * under the Act, and the sender's login trail is not needed to protect the service.</li>
 * </ul>
 * When in doubt the items are withheld: the secrecy of communications is the rule, disclosure the
 * exception (Telecommunications Business Act Art. 4(1)).
 */
public final class SpecifiedSenderInformation {

    private SpecifiedSenderInformation() {
    }

    /** Whether a case of this type may receive items from infringement-related communications, and why. */
    public record Disclosure(boolean allowed, String reason) {
    }

    public static Disclosure under(CaseType type) {
        return switch (type) {
            case DISCLOSURE_ORDER -> new Disclosure(true, "a disclosure order: the court has found the conditions of"
                    + " Platform Act Art. 5(1)(iii) for specified sender information");
            case PROVISION_ORDER -> new Disclosure(true, "a provision order: the court has found the conditions of"
                    + " Platform Act Art. 5(1)(iii) (Art. 15(1))");
            case WARRANT -> new Disclosure(true, "a warrant names what is produced; the Platform Act's conditions do not"
                    + " bind it");
            case DISCLOSURE_REQUEST -> new Disclosure(false, "an out-of-court disclosure request: specified sender"
                    + " information (items of infringement-related communications) is disclosed only once the"
                    + " conditions of Platform Act Art. 5(1)(iii) are found, so it is withheld until a disclosure order");
            case SERVICE_PROTECTION -> new Disclosure(false, "a legitimate business act is not a disclosure under the"
                    + " Platform Act: items of infringement-related communications are withheld");
        };
    }
}
