package hozon.policy.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a retention rule against the Guideline's norms (domain brief §2, requirement R2).
 * Plain Java: the same input always gives the same findings and refusals.
 *
 * <ul>
 *   <li>Below 3 months, for the categories the revision names: a warning (the revision calls
 *       at least 3–6 months the desirable practice).</li>
 *   <li>AP connection logs above 6 months: allowed only with a stated business need; refused
 *       without a justification.</li>
 *   <li>AP connection logs above 1 year: exceptional; refused unless the rule is marked
 *       exceptional and justified.</li>
 * </ul>
 * Periods are compared in mean Gregorian months ({@link RetentionPeriod#months()}). For an
 * "until purpose achieved" rule the cap is what is compared.
 */
public final class GuidelineCheck {

    /** Categories for which the revision names a desirable minimum of three months. */
    public static final Set<String> DESIRABLE_MINIMUM_CATEGORIES =
            Set.of("cp.account", "cp.login", "cp.post", "ap.connection-auth", "ap.nat-port-block");

    static final double DESIRABLE_MINIMUM_MONTHS = 3;
    static final double AP_GENERAL_MONTHS = 6;
    static final double AP_EXCEPTIONAL_MONTHS = 12;

    private GuidelineCheck() {
    }

    /** Findings, and refusals (a non-empty list means the rule must not be stored). */
    public record Assessment(List<Finding> findings, List<String> refusals) {
        public boolean refused() {
            return !refusals.isEmpty();
        }
    }

    public static Assessment assess(String category, Actor actor, RuleMode mode, RetentionPeriod period,
            String justification, boolean exceptional) {
        List<Finding> findings = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        double months = period.months();
        boolean justified = justification != null && !justification.isBlank();
        String what = mode == RuleMode.UNTIL_PURPOSE_ACHIEVED ? "cap " + period.iso() : period.iso();

        if (DESIRABLE_MINIMUM_CATEGORIES.contains(category) && months < DESIRABLE_MINIMUM_MONTHS) {
            findings.add(new Finding("BELOW_DESIRABLE_MINIMUM", Finding.Severity.WARNING, String.format(
                    "Guideline Art. 38 (revised): at least 3 to 6 months is the desirable retention for %s; %s is %.1f"
                            + " months, so a sender may no longer be identifiable when a disclosure request arrives",
                    category, what, months)));
        }
        if (mode == RuleMode.UNTIL_PURPOSE_ACHIEVED) {
            findings.add(new Finding("UNTIL_PURPOSE_ACHIEVED", Finding.Severity.INFO,
                    "Guideline Art. 38: where no period is set, logs are deleted promptly once the purpose is achieved;"
                            + " records are deleted on purpose achievement and never kept beyond the " + what));
        }
        if (actor == Actor.AP && months > AP_EXCEPTIONAL_MONTHS) {
            if (!exceptional || !justified) {
                refusals.add(String.format("Guideline Art. 38: keeping AP connection logs beyond about one year is"
                        + " exceptional; %s (%.1f months) needs \"exceptional\": true and a justification", what, months));
            } else {
                findings.add(new Finding("AP_EXCEPTIONAL_OVER_ONE_YEAR", Finding.Severity.WARNING, String.format(
                        "Guideline Art. 38: %s (%.1f months) exceeds the one-year norm for AP connection logs;"
                                + " kept as an exceptional case on the stated justification", what, months)));
            }
        } else if (actor == Actor.AP && months > AP_GENERAL_MONTHS) {
            if (!justified) {
                refusals.add(String.format("Guideline Art. 38: AP connection logs may be kept beyond about six months"
                        + " only for a stated business need; %s (%.1f months) has no justification", what, months));
            } else {
                findings.add(new Finding("AP_OVER_SIX_MONTHS_WITH_BUSINESS_NEED", Finding.Severity.INFO, String.format(
                        "Guideline Art. 38: %s (%.1f months) exceeds the general six months for AP connection logs,"
                                + " allowed up to about one year for the stated business need", what, months)));
            }
        }
        return new Assessment(findings, refusals);
    }
}
