package hozon.policy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GuidelineCheckTest {

    private static GuidelineCheck.Assessment assess(String category, Actor actor, String period, String justification,
            boolean exceptional) {
        return GuidelineCheck.assess(category, actor, RuleMode.PERIOD, RetentionPeriod.parse(period).value().orElseThrow(),
                justification, exceptional);
    }

    private static List<String> codes(GuidelineCheck.Assessment a) {
        return a.findings().stream().map(Finding::code).toList();
    }

    @Test
    void belowThreeMonthsIsAWarningCitingTheGuideline() {
        GuidelineCheck.Assessment a = assess("cp.post", Actor.CP, "P90D", null, false);
        assertThat(a.refused()).isFalse();
        assertThat(codes(a)).containsExactly("BELOW_DESIRABLE_MINIMUM");
        assertThat(a.findings().get(0).message()).contains("Guideline Art. 38").contains("cp.post");
        assertThat(codes(assess("cp.post", Actor.CP, "P3M", null, false))).isEmpty();
        assertThat(codes(assess("cp.post", Actor.CP, "P92D", null, false))).isEmpty();
    }

    @Test
    void apLogsBeyondSixMonthsNeedAStatedBusinessNeed() {
        assertThat(assess("ap.connection-auth", Actor.AP, "P6M", null, false).refused()).isFalse();
        GuidelineCheck.Assessment refused = assess("ap.connection-auth", Actor.AP, "P7M", " ", false);
        assertThat(refused.refused()).isTrue();
        assertThat(refused.refusals().get(0)).contains("six months").contains("justification");
        GuidelineCheck.Assessment allowed = assess("ap.connection-auth", Actor.AP, "P7M", "year-round network view", false);
        assertThat(allowed.refused()).isFalse();
        assertThat(codes(allowed)).containsExactly("AP_OVER_SIX_MONTHS_WITH_BUSINESS_NEED");
    }

    @Test
    void apLogsBeyondOneYearAreRefusedUnlessMarkedExceptionalAndJustified() {
        assertThat(assess("ap.nat-port-block", Actor.AP, "P1Y", "network view", false).refused()).isFalse();
        assertThat(assess("ap.nat-port-block", Actor.AP, "P13M", "network view", false).refused()).isTrue();
        assertThat(assess("ap.nat-port-block", Actor.AP, "P13M", null, true).refused()).isTrue();
        GuidelineCheck.Assessment ok = assess("ap.nat-port-block", Actor.AP, "P13M", "court-ordered audit", true);
        assertThat(ok.refused()).isFalse();
        assertThat(codes(ok)).containsExactly("AP_EXCEPTIONAL_OVER_ONE_YEAR");
    }

    @Test
    void cpLogsHaveNoUpperNormInTheGuideline() {
        assertThat(assess("cp.login", Actor.CP, "P2Y", null, false).refused()).isFalse();
    }

    @Test
    void untilPurposeAchievedIsCheckedOnItsCap() {
        GuidelineCheck.Assessment a = GuidelineCheck.assess("ap.connection-auth", Actor.AP, RuleMode.UNTIL_PURPOSE_ACHIEVED,
                RetentionPeriod.parse("P2M").value().orElseThrow(), null, false);
        assertThat(codes(a)).containsExactly("BELOW_DESIRABLE_MINIMUM", "UNTIL_PURPOSE_ACHIEVED");
        assertThat(a.findings().get(0).message()).contains("cap P2M");
    }
}
