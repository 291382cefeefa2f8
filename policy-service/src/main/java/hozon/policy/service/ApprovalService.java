package hozon.policy.service;

import hozon.policy.domain.ApprovalRequest;
import hozon.policy.domain.Confidentiality;
import hozon.policy.domain.LegalHold;
import hozon.policy.domain.Refusal;
import hozon.policy.domain.RetentionRule;
import hozon.problem.ProblemException;
import hozon.security.Roles;
import hozon.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Four-eyes (R8): the second principal's decision on a pending change. The approver must not
 * be the requester and must hold the role the change needs.
 */
@ApplicationScoped
public class ApprovalService {

    @Inject
    Clock clock;

    @Inject
    CurrentUser currentUser;

    @Inject
    AuditService audit;

    @Inject
    HoldService holds;

    @Transactional(Transactional.TxType.MANDATORY)
    public ApprovalRequest request(ApprovalRequest.Kind kind, UUID target, String detail, LegalHold.ReleaseKind releaseKind) {
        ApprovalRequest a = new ApprovalRequest();
        a.id = UUID.randomUUID();
        a.kind = kind;
        a.targetId = target;
        a.detail = detail;
        a.releaseKind = releaseKind;
        a.requestedBy = currentUser.name();
        a.requestedAt = clock.instant();
        a.status = ApprovalRequest.Status.PENDING;
        a.persist();
        audit.record(a.requestedBy, kind.name() + "_REQUESTED", "APPROVAL", a.id, null, ApprovalView.of(a));
        return a;
    }

    @Transactional
    public ApprovalRequest decide(UUID id, boolean approve, String comment) {
        ApprovalRequest a = ApprovalRequest.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw ProblemException.notFound("Approval request", "No approval request " + id);
        }
        String me = currentUser.name();
        String needed = a.kind == ApprovalRequest.Kind.RULE_ACTIVATION ? Roles.POLICY_ADMIN : Roles.LEGAL_OFFICER;
        if (!currentUser.hasRole(needed)) {
            Refusals.throwIf(Refusal.of("forbidden", "id", "R8 (four-eyes)",
                    a.kind + " is decided by a " + needed), 403);
        }
        if (me.equals(a.requestedBy)) {
            Refusals.throwIf(Refusal.of("four-eyes", "id", "R8 (four-eyes)",
                    "the change was requested by you; a second, different " + needed + " must decide it"), 403);
        }
        if (a.status != ApprovalRequest.Status.PENDING) {
            Refusals.throwIf(Refusal.of("already-decided", "id", "R8 (four-eyes)",
                    "this request was already " + a.status.name().toLowerCase() + " by " + a.decidedBy), 409);
        }
        ApprovalView before = ApprovalView.of(a);
        a.status = approve ? ApprovalRequest.Status.APPROVED : ApprovalRequest.Status.REJECTED;
        a.decidedBy = me;
        a.decidedAt = clock.instant();
        a.comment = comment;
        if (a.kind == ApprovalRequest.Kind.RULE_ACTIVATION) {
            RetentionRule rule = RetentionRule.findById(a.targetId, LockModeType.PESSIMISTIC_WRITE);
            rule.status = approve ? RetentionRule.Status.ACTIVE : RetentionRule.Status.REJECTED;
            rule.approvedBy = approve ? me : null;
            rule.approvedAt = approve ? a.decidedAt : null;
        } else if (approve) {
            holds.release(a.targetId, a.releaseKind, a.detail, a.requestedBy, me);
        }
        audit.record(me, a.kind.name() + (approve ? "_APPROVED" : "_REJECTED"), "APPROVAL", a.id, before,
                ApprovalView.of(a));
        return a;
    }

    /** The queue; comments on releases of confidential holds only for those who may read them (CCP Art. 197(5)). */
    @Transactional
    public List<ApprovalView> list(ApprovalRequest.Status status, int limit) {
        boolean details = Confidentiality.mayReadDetails(currentUser::hasRole);
        return ApprovalRequest.byStatus(status, limit).stream().map(ApprovalView::of)
                .map(v -> details ? v : visible(v, false)).toList();
    }

    /**
     * {@code view} for a reader who may ({@code details}) or may not read confidential holds'
     * details: a release of a confidential hold keeps its kind, hold id, people and dates, not
     * the decision's comment, which may quote the request.
     */
    static ApprovalView visible(ApprovalView view, boolean details) {
        if (details || view.kind() != ApprovalRequest.Kind.HOLD_RELEASE) {
            return view;
        }
        LegalHold hold = LegalHold.findById(view.targetId());
        if (hold != null && !hold.confidential) {
            return view;
        }
        return new ApprovalView(view.id(), view.kind(), view.targetId(), view.releaseKind(), view.requestedBy(),
                view.requestedAt(), view.status(), view.decidedBy(), view.decidedAt(), null);
    }

    /** An approval request as clients see it. Also read back from the audit trail's JSON by hand (reflection kept). */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record ApprovalView(UUID id, ApprovalRequest.Kind kind, UUID targetId, LegalHold.ReleaseKind releaseKind,
            String requestedBy, java.time.Instant requestedAt, ApprovalRequest.Status status, String decidedBy,
            java.time.Instant decidedAt, String comment) {
        public static ApprovalView of(ApprovalRequest a) {
            return new ApprovalView(a.id, a.kind, a.targetId, a.releaseKind, a.requestedBy, a.requestedAt, a.status,
                    a.decidedBy, a.decidedAt, a.comment);
        }
    }
}
