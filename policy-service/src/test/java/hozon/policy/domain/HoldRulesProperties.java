package hozon.policy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class HoldRulesProperties {

    private static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
    private static final HoldRules.Limits LIMITS = new HoldRules.Limits(Duration.ofDays(366), 30, 24, 48, JST);

    private static LegalHold preservation(int days) {
        LegalHold h = new LegalHold();
        h.type = HoldType.PRESERVATION_REQUEST;
        h.startsAt = NOW;
        h.endsAt = HoldRules.preservationEnd(NOW, days);
        return h;
    }

    /** Applies every extension the rules allow, in order; returns the hold. */
    private static LegalHold extendAll(int initialDays, List<Integer> requests) {
        LegalHold h = preservation(initialDays);
        for (int days : requests) {
            if (HoldRules.checkExtension(h, days, "doc", NOW) == null) {
                h.endsAt = HoldRules.extendedEnd(h.endsAt, days);
            }
        }
        return h;
    }

    @Property
    void aPreservationRequestNeverExceedsSixtyDaysWhateverIsAsked(@ForAll @IntRange(min = 1, max = 30) int initial,
            @ForAll @Size(max = 10) List<@IntRange(min = -5, max = 90) Integer> extensions) {
        assertThat(extendAll(initial, extensions).grantedDays()).isBetween((long) initial, 60L);
    }

    @Property
    void anExtensionWithinTheLimitsIsAlwaysGranted(@ForAll @IntRange(min = 1, max = 30) int initial,
            @ForAll @IntRange(min = 1, max = 30) int extension) {
        boolean allowed = HoldRules.checkExtension(preservation(initial), extension, "doc", NOW) == null;
        assertThat(allowed).isEqualTo(initial + extension <= 60);
    }

    private static Instant jst(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(JST).toInstant();
    }

    /** CCP Art. 55(1): the first day is not counted; the period ends when its last day (JST) ends. */
    @Property(tries = 2000)
    void aPreservationRequestLastsUntilItsLastDayHasEndedWhateverHourItStarted(
            @ForAll @LongRange(min = 1_767_225_600L, max = 1_893_456_000L) long startSecond,
            @ForAll @IntRange(min = 1, max = 30) int days) {
        LegalHold h = new LegalHold();
        h.type = HoldType.PRESERVATION_REQUEST;
        h.startsAt = Instant.ofEpochSecond(startSecond);
        h.endsAt = HoldRules.preservationEnd(h.startsAt, days);
        LocalDate lastDay = LocalDate.ofInstant(h.startsAt, JST).plusDays(days);
        assertThat(h.endsAt).isEqualTo(lastDay.plusDays(1).atStartOfDay(JST).toInstant());
        assertThat(h.inForceAt(h.endsAt.minusSeconds(1))).as("the last second of the last day").isTrue();
        assertThat(h.inForceAt(h.endsAt)).as("00:00 after the last day").isFalse();
        assertThat(h.grantedDays()).isEqualTo(days);
    }

    @Example
    void aThirtyDayRequestOfTheFirstOfDecemberHoldsThroughTheThirtyFirst() {
        for (String hour : List.of("2026-12-01T00:00:00", "2026-12-01T09:30:00", "2026-12-01T23:59:59")) {
            Instant end = HoldRules.preservationEnd(jst(hour), 30);
            assertThat(end).as(hour).isEqualTo(Instant.parse("2026-12-31T15:00:00Z"));
        }
        LegalHold h = new LegalHold();
        h.type = HoldType.PRESERVATION_REQUEST;
        h.startsAt = jst("2026-12-01T17:45:00");
        h.endsAt = HoldRules.preservationEnd(h.startsAt, 30);
        assertThat(h.inForceAt(jst("2026-12-31T23:59:59"))).isTrue();
        assertThat(h.inForceAt(jst("2027-01-01T00:00:00"))).isFalse();
        // CCP Art. 197(4): a 30-day extension counts on from the last day, 31 December
        Instant extended = HoldRules.extendedEnd(h.endsAt, 30);
        assertThat(extended).isEqualTo(jst("2027-01-31T00:00:00"));
        h.endsAt = extended;
        assertThat(h.grantedDays()).isEqualTo(60);
        assertThat(HoldRules.checkExtension(h, 1, "doc", jst("2027-01-20T00:00:00")).message())
                .contains("60 days in total (requested 61)");
    }

    @Example
    void theRefusalNamesTheArticleAndTheTotal() {
        Refusal r = HoldRules.checkExtension(preservation(30), 35, "doc", NOW);
        assertThat(r.message()).startsWith("CCP Art. 197(4)").contains("30 days").contains("35");
        LegalHold sixty = extendAll(30, List.of(30));
        Refusal total = HoldRules.checkExtension(sixty, 5, "doc", NOW);
        assertThat(total.message()).isEqualTo("CCP Art. 197(4): preservation may not exceed 60 days in total (requested 65)");
        assertThat(total.numbers()).containsEntry("requestedDays", 65L).containsEntry("limitDays", 60);
    }

    @Property
    void aWindowWiderThanTheLimitIsABlanketHold(@ForAll @IntRange(min = 1, max = 2000) int days) {
        HoldDraft d = new HoldDraft(HoldType.OTHER_STATUTE, NOW, null, NOW.plus(Duration.ofDays(10)), null,
                NOW.minus(Duration.ofDays(days)), NOW, Set.of("cp.post"),
                List.of(new HoldSelector(SelectorKind.ACCOUNT, "acct-1", null, null)), false, null, null, null, null,
                null, null, null, "Act X", "Art. 1");
        List<Refusal> refusals = HoldRules.check(d, Set.of("cp.post"), NOW, LIMITS);
        assertThat(refusals.stream().anyMatch(r -> r.type().equals("blanket-hold"))).isEqualTo(days > 366);
    }

    @Example
    void emergencyReviewMustBeNear() {
        HoldDraft far = new HoldDraft(HoldType.EMERGENCY_PRESERVATION, null, null, null, LocalDate.of(2027, 1, 31),
                NOW.minus(Duration.ofDays(5)), NOW, Set.of("cp.post"),
                List.of(new HoldSelector(SelectorKind.POST, "post-1", null, null)), false, null, null, null, null,
                null, null, "threat to a user", null, null);
        assertThat(HoldRules.check(far, Set.of("cp.post"), NOW, LIMITS)).extracting(Refusal::field).containsExactly("reviewDate");
    }
}
