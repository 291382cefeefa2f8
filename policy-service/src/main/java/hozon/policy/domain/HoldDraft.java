package hozon.policy.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** A hold as requested, before it is checked and stored. */
public record HoldDraft(HoldType type, Instant startsAt, Integer days, Instant endsAt, LocalDate reviewDate,
        Instant windowFrom, Instant windowTo, Set<String> categories, List<HoldSelector> selectors,
        boolean confidential, String authority, String officer, String documentRef, LocalDate requestDate,
        String court, String caseNumber, String reason, String statute, String article) {
}
