package hozon.policy.rest;

import hozon.policy.domain.HoldExtension;
import hozon.policy.domain.HoldSelector;
import hozon.policy.domain.HoldType;
import hozon.policy.domain.LegalHold;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A legal hold as stored, with its state at the time of reading. */
// Also read back from the audit trail's JSON by hand (AuditService), beyond what resources return.
@RegisterForReflection
public record HoldView(UUID id, HoldType type, String status, Instant startsAt, Instant endsAt, Instant effectiveEnd,
        LocalDate reviewDate, Instant windowFrom, Instant windowTo, Set<String> categories,
        List<HoldRequests.Selector> selectors, boolean confidential, String authority, String officer,
        String documentRef, LocalDate requestDate, String court, String caseNumber, String reason, String statute,
        String article, long grantedDays, List<ExtensionView> extensions, Instant releasedAt,
        LegalHold.ReleaseKind releaseKind, String releaseReason, String author, Instant createdAt) {

    public record ExtensionView(int days, String documentRef, Instant previousEnd, Instant newEnd, String author,
            Instant createdAt) {
        static ExtensionView of(HoldExtension e) {
            return new ExtensionView(e.days, e.documentRef, e.previousEnd, e.newEnd, e.author, e.createdAt);
        }
    }

    public static HoldView of(LegalHold h, Instant now) {
        String status = h.inForceAt(now) ? "IN_FORCE"
                : now.isBefore(h.startsAt) ? "PENDING"
                : h.releaseKind != null ? h.releaseKind.name() : "EXPIRED";
        return new HoldView(h.id, h.type, status, h.startsAt, h.endsAt, h.effectiveEnd(), h.reviewDate, h.windowFrom,
                h.windowTo, Set.copyOf(h.categories), h.selectors.stream().map(HoldView::selector).toList(),
                h.confidential, h.authority, h.officer, h.documentRef, h.requestDate, h.court, h.caseNumber, h.reason,
                h.statute, h.article, h.grantedDays(), h.extensions.stream().map(ExtensionView::of).toList(),
                h.releasedAt, h.releaseKind, h.releaseReason, h.author, h.createdAt);
    }

    /**
     * This view as someone who may not read a confidential hold's details sees it
     * ({@link hozon.policy.domain.Confidentiality}, CCP Art. 197(5)): that it exists, its type,
     * status and dates; no authority, officer, document, court, scope, selector, reason or
     * author. A hold that is not confidential is returned as it is.
     */
    public HoldView redacted() {
        if (!confidential) {
            return this;
        }
        List<ExtensionView> ext = extensions == null ? List.of() : extensions.stream()
                .map(e -> new ExtensionView(e.days(), null, e.previousEnd(), e.newEnd(), null, e.createdAt())).toList();
        return new HoldView(id, type, status, startsAt, endsAt, effectiveEnd, reviewDate, null, null, Set.of(), List.of(),
                true, null, null, null, null, null, null, null, null, null, grantedDays, ext, releasedAt, releaseKind,
                null, null, createdAt);
    }

    /**
     * This view as the audit trail keeps it (issue #11): a subscriber or account a selector names
     * is not copied into the trail; the entry refers to the hold that holds it instead.
     */
    public HoldView forAudit() {
        if (selectors == null) {
            return this;
        }
        List<HoldRequests.Selector> refs = new java.util.ArrayList<>();
        for (int i = 0; i < selectors.size(); i++) {
            HoldRequests.Selector s = selectors.get(i);
            boolean identity = s.kind() == hozon.policy.domain.SelectorKind.SUBSCRIBER
                    || s.kind() == hozon.policy.domain.SelectorKind.ACCOUNT;
            refs.add(identity ? new HoldRequests.Selector(s.kind(), "(see hold " + id + ", selector " + (i + 1) + ")",
                    s.portStart(), s.portEnd()) : s);
        }
        return new HoldView(id, type, status, startsAt, endsAt, effectiveEnd, reviewDate, windowFrom, windowTo, categories,
                refs, confidential, authority, officer, documentRef, requestDate, court, caseNumber, reason, statute,
                article, grantedDays, extensions, releasedAt, releaseKind, releaseReason, author, createdAt);
    }

    private static HoldRequests.Selector selector(HoldSelector s) {
        return new HoldRequests.Selector(s.kind, s.value, s.portStart, s.portEnd);
    }
}
