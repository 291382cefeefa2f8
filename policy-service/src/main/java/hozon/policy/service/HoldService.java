package hozon.policy.service;

import hozon.policy.config.PolicyConfig;
import hozon.policy.domain.ApprovalRequest;
import hozon.policy.domain.HoldDraft;
import hozon.policy.domain.HoldExtension;
import hozon.policy.domain.Confidentiality;
import hozon.policy.domain.HoldRules;
import hozon.policy.domain.HoldSelector;
import hozon.policy.domain.HoldType;
import hozon.policy.domain.LegalHold;
import hozon.policy.domain.LogCategory;
import hozon.policy.domain.Refusal;
import hozon.policy.rest.HoldRequests;
import hozon.policy.rest.HoldView;
import hozon.problem.ProblemException;
import hozon.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Places, extends and ends legal holds, each checked against its statute and audited. */
@ApplicationScoped
public class HoldService {

    @Inject
    Clock clock;

    @Inject
    PolicyConfig config;

    @Inject
    AuditService audit;

    @Inject
    ApprovalService approvals;

    @Inject
    CurrentUser currentUser;

    @Transactional
    public HoldView create(HoldRequests.NewHold r) {
        Instant now = clock.instant();
        List<HoldSelector> selectors = r.selectors() == null ? List.of()
                : r.selectors().stream().map(s -> s == null ? null
                        : new HoldSelector(s.kind(), s.value(), s.portStart(), s.portEnd())).toList();
        HoldDraft draft = new HoldDraft(r.type(), instant(r.startsAt()), r.days(), instant(r.endsAt()), r.reviewDate(),
                instant(r.windowFrom()), instant(r.windowTo()), r.categories(), selectors,
                Boolean.TRUE.equals(r.confidential()), r.authority(), r.officer(), r.documentRef(), r.requestDate(),
                r.court(), r.caseNumber(), r.reason(), r.statute(), r.article());
        Set<String> known = LogCategory.<LogCategory>listAll().stream().map(c -> c.code).collect(Collectors.toSet());
        Refusals.throwIfAny(HoldRules.check(draft, known, now, limits()), 400);

        LegalHold h = new LegalHold();
        h.id = UUID.randomUUID();
        h.type = draft.type();
        h.startsAt = draft.startsAt() == null ? now : draft.startsAt();
        h.endsAt = draft.type() == HoldType.PRESERVATION_REQUEST
                ? HoldRules.preservationEnd(h.startsAt, draft.days())
                : draft.endsAt();
        h.reviewDate = draft.reviewDate();
        h.windowFrom = draft.windowFrom();
        h.windowTo = draft.windowTo();
        h.categories.addAll(draft.categories());
        h.selectors.addAll(selectors);
        h.confidential = draft.confidential();
        h.authority = draft.authority();
        h.officer = draft.officer();
        h.documentRef = draft.documentRef();
        h.requestDate = draft.requestDate();
        h.court = draft.court();
        h.caseNumber = draft.caseNumber();
        h.reason = draft.reason();
        h.statute = draft.statute();
        h.article = draft.article();
        h.author = currentUser.name();
        h.createdAt = now;
        h.persist();
        HoldView view = HoldView.of(h, now);
        audit.record(currentUser.name(), "HOLD_PLACED", "LEGAL_HOLD", h.id, null, view);
        return view;
    }

    @Transactional
    public HoldView extend(UUID id, HoldRequests.Extension r) {
        Instant now = clock.instant();
        LegalHold h = lock(id);
        Refusal refusal = HoldRules.checkExtension(h, r.days(), r.documentRef(), now);
        if (refusal != null) {
            int status = refusal.type().equals("preservation-limit") || refusal.type().equals("invalid-extension") ? 400 : 409;
            Refusals.throwIf(refusal, status);
        }
        HoldView before = HoldView.of(h, now);
        HoldExtension e = new HoldExtension();
        e.days = r.days();
        e.documentRef = r.documentRef();
        e.previousEnd = h.endsAt;
        e.newEnd = HoldRules.extendedEnd(h.endsAt, r.days());
        e.author = currentUser.name();
        e.createdAt = now;
        h.extensions.add(e);
        h.endsAt = e.newEnd;
        HoldView after = HoldView.of(h, now);
        audit.record(currentUser.name(), "HOLD_EXTENDED", "LEGAL_HOLD", h.id, before, after);
        return after;
    }

    /**
     * Asks for a hold's release. Four-eyes: nothing changes until a second, different legal
     * officer approves; the hold stays in force meanwhile.
     */
    @Transactional
    public ApprovalRequest requestRelease(UUID id, HoldRequests.Release r) {
        Instant now = clock.instant();
        LegalHold h = lock(id);
        if (h.releasedAt != null || (h.effectiveEnd() != null && !h.effectiveEnd().isAfter(now))) {
            Refusals.throwIf(Refusal.of("hold-ended", "kind", "R5",
                    "the hold already ended at " + h.effectiveEnd() + "; nothing to release"), 409);
        }
        if (ApprovalRequest.pendingFor(id, ApprovalRequest.Kind.HOLD_RELEASE)) {
            Refusals.throwIf(Refusal.of("approval-pending", "kind", "R8 (four-eyes)",
                    "a release of this hold is already waiting for approval"), 409);
        }
        return approvals.request(ApprovalRequest.Kind.HOLD_RELEASE, id, r.reason(), r.kind());
    }

    /** Ends the hold now; called once a second legal officer approved the release. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(UUID id, LegalHold.ReleaseKind kind, String reason, String requestedBy, String approvedBy) {
        Instant now = clock.instant();
        LegalHold h = lock(id);
        if (h.releasedAt != null || (h.effectiveEnd() != null && !h.effectiveEnd().isAfter(now))) {
            return; // ended meanwhile by its own term: nothing left to release
        }
        HoldView before = HoldView.of(h, now);
        h.releasedAt = now;
        h.releaseKind = kind;
        h.releaseReason = reason;
        audit.record(approvedBy, "HOLD_" + kind.name() + " (requested by " + requestedBy + ")", "LEGAL_HOLD", h.id,
                before, HoldView.of(h, now));
    }

    @Transactional
    public HoldView get(UUID id) {
        return visible(find(id), clock.instant());
    }

    @Transactional
    public List<HoldView> list(boolean inForceOnly, int limit) {
        Instant now = clock.instant();
        List<LegalHold> holds = inForceOnly ? LegalHold.inForce(now) : LegalHold.newestFirst(limit);
        return holds.stream().limit(limit).map(h -> visible(h, now)).toList();
    }

    @Transactional
    public long revision() {
        return LegalHold.revision();
    }

    /** Confidential holds (CCP Art. 197(5)) in detail for legal officers only. */
    private HoldView visible(LegalHold h, Instant now) {
        HoldView view = HoldView.of(h, now);
        return Confidentiality.mayReadDetails(currentUser::hasRole) ? view : view.redacted();
    }

    private HoldRules.Limits limits() {
        PolicyConfig.Hold c = config.hold();
        return new HoldRules.Limits(c.maxWindow(), c.maxEmergencyReviewDays(), c.minIpv4PrefixLength(),
                c.minIpv6PrefixLength(), config.calendarZone());
    }

    private static LegalHold find(UUID id) {
        LegalHold h = LegalHold.findById(id);
        if (h == null) {
            throw ProblemException.notFound("Legal hold", "No legal hold " + id);
        }
        return h;
    }

    private static LegalHold lock(UUID id) {
        LegalHold h = LegalHold.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (h == null) {
            throw ProblemException.notFound("Legal hold", "No legal hold " + id);
        }
        return h;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
