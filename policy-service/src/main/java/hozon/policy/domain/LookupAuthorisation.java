package hozon.policy.domain;

import java.time.Instant;

/**
 * Domain brief §5 and R6: analysing logs to identify a sender is use outside the recording
 * purpose and itself infringes the secrecy of communications, unless a legal basis covers it —
 * a judge's warrant, a disclosure or provision order, a legitimate business act. A look-up runs
 * only under a recorded case that, at that instant, is open and valid, authorises that kind of
 * look-up, and covers the log category it would read; each refusal says which of these failed.
 */
public final class LookupAuthorisation {

    private LookupAuthorisation() {
    }

    public record Decision(boolean allowed, String reason) {
        static Decision deny(String reason) {
            return new Decision(false, reason);
        }
    }

    public static Decision decide(LegalCase c, LookupKind lookup, String category, Instant now) {
        if (c.closedAt != null && !now.isBefore(c.closedAt)) {
            return Decision.deny("case " + c.reference + " was closed at " + c.closedAt);
        }
        if (now.isBefore(c.validFrom)) {
            return Decision.deny("case " + c.reference + " is valid only from " + c.validFrom);
        }
        if (!now.isBefore(c.validTo)) {
            return Decision.deny("case " + c.reference + " expired at " + c.validTo);
        }
        if (!c.lookups.contains(lookup)) {
            return Decision.deny("case " + c.reference + " does not authorise " + lookup + " look-ups (scope: " + c.lookups
                    + ")");
        }
        if (category != null && !c.categories.contains(category)) {
            return Decision.deny("case " + c.reference + " does not cover category " + category + " (scope: "
                    + c.categories + ")");
        }
        return new Decision(true, c.type + " " + c.reference + " authorises " + lookup + " until " + c.validTo);
    }
}
