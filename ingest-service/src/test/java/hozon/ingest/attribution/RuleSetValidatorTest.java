package hozon.ingest.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hozon.ingest.attribution.RuleSets.MapERuleSpec;
import hozon.ingest.attribution.RuleSets.Mechanism;
import hozon.ingest.attribution.RuleSets.NewRuleSet;
import hozon.ingest.attribution.RuleSets.Provenance;
import hozon.ingest.attribution.RuleSets.RuleSet;
import hozon.problem.Problem;
import hozon.problem.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rule-set checks as plain Java, without a database. */
class RuleSetValidatorTest {

    private static final Instant T = Instant.parse("2026-10-01T00:00:00Z");
    private static final MapERuleSpec V6PLUS = new MapERuleSpec("2001:db8::/31", "198.18.0.0/15", 25, 4, 8);

    private static NewRuleSet mapE(String name, MapERuleSpec... rules) {
        return new NewRuleSet(name, Mechanism.MAP_E, T, null, Provenance.OTHER, "test", List.of(rules), null);
    }

    private static RuleSet stored(String name, int version, Instant from, MapERuleSpec rule) {
        return new RuleSet(UUID.randomUUID(), name, version, Mechanism.MAP_E, from, null, null, Provenance.OTHER, "test",
                "carol", from, List.of(rule), List.of());
    }

    @Test
    void aValidRuleSetPassesAndEachMissingParameterIsNamed() {
        assertThat(RuleSetValidator.validate(mapE("east", V6PLUS))).isEmpty();
        List<Problem.FieldError> errors = RuleSetValidator.validate(mapE("east",
                new MapERuleSpec("2001:db8::/31", "198.18.0.0/15", null, 4, null)));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("mapERules[0]");
            assertThat(e.reason()).isEqualTo("eaBitsLength, psidLength are required");
        });
    }

    @Test
    void rulesOfOneSetMayNotClaimTheSameAddresses() {
        assertThat(RuleSetValidator.validate(mapE("east", V6PLUS, V6PLUS)))
                .anySatisfy(e -> assertThat(e.reason()).contains("claim the same IPv4 addresses"));
    }

    @Test
    void anotherSetInForceOnTheSameAddressesIsAConflictAndTheNextVersionEndsThePrevious() {
        RuleSet west = stored("west", 1, T.minusSeconds(3600), V6PLUS);
        RuleSet candidate = stored("east", 1, T, V6PLUS);
        assertThatThrownBy(() -> RuleSetValidator.checkNoOverlap(candidate, List.of(west)))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().getStatus()).isEqualTo(409));
        RuleSet next = stored("west", 2, T.plusSeconds(60), V6PLUS);
        List<RuleSet> effective = RuleSetValidator.effective(List.of(next, west));
        assertThat(effective.get(0).inForceUntil()).isEqualTo(T.plusSeconds(60));
        assertThat(effective.get(1).inForceUntil()).isNull();
        // A new version of the same name is no conflict with its predecessor.
        RuleSetValidator.checkNoOverlap(stored("west", 3, T.plusSeconds(120), V6PLUS), List.of(west, next));
    }
}
