package hozon.policy.service;

import hozon.policy.domain.CaseType;
import hozon.policy.domain.LegalCase;
import hozon.policy.domain.LookupAuthorisation;
import hozon.policy.domain.LogCategory;
import hozon.policy.domain.Refusal;
import hozon.policy.domain.SpecifiedSenderInformation;
import hozon.policy.rest.CaseRequests;
import hozon.problem.ProblemException;
import hozon.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Cases (legal bases for look-ups) and the decision "may case C run look-up Q now?". */
@ApplicationScoped
public class CaseService {

    @Inject
    Clock clock;

    @Inject
    AuditService audit;

    @Inject
    CurrentUser currentUser;

    @Transactional
    public CaseRequests.CaseView create(CaseRequests.NewCase r) {
        Instant now = clock.instant();
        Instant from = r.validFrom() == null ? now : r.validFrom().toInstant();
        List<Refusal> refusals = new ArrayList<>();
        if (!r.validTo().toInstant().isAfter(from)) {
            refusals.add(Refusal.of("invalid-case", "validTo", "R6", "validTo must be after validFrom"));
        }
        for (String c : r.categories()) {
            if (LogCategory.findById(c) == null) {
                refusals.add(Refusal.of("unknown-category", "categories", "R6", "no log category '" + c + "' is registered"));
            }
        }
        if (r.type() == CaseType.SERVICE_PROTECTION && (r.description() == null || r.description().isBlank())) {
            refusals.add(Refusal.of("invalid-case", "description", "Guideline Art. 38 (legitimate business act)",
                    "a service-protection case states the harm to the service that the look-up prevents"));
        }
        Refusals.throwIfAny(refusals, 400);
        LegalCase c = new LegalCase();
        c.id = UUID.randomUUID();
        c.type = r.type();
        c.reference = r.reference();
        c.issuer = r.issuer();
        c.description = r.description();
        c.validFrom = from;
        c.validTo = r.validTo().toInstant();
        c.lookups.addAll(r.lookups());
        c.categories.addAll(r.categories());
        c.author = currentUser.name();
        c.createdAt = now;
        c.persist();
        CaseRequests.CaseView view = CaseRequests.CaseView.of(c);
        audit.record(currentUser.name(), "CASE_OPENED", "CASE", c.id, null, view);
        return view;
    }

    @Transactional
    public CaseRequests.CaseView close(UUID id, CaseRequests.Close r) {
        LegalCase c = LegalCase.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            throw ProblemException.notFound("Case", "No case " + id);
        }
        if (c.closedAt != null) {
            Refusals.throwIf(Refusal.of("case-closed", "reason", "R6", "the case was closed at " + c.closedAt), 409);
        }
        CaseRequests.CaseView before = CaseRequests.CaseView.of(c);
        c.closedAt = clock.instant();
        CaseRequests.CaseView after = CaseRequests.CaseView.of(c);
        audit.record(currentUser.name(), "CASE_CLOSED", "CASE", c.id, before, after);
        return after;
    }

    @Transactional
    public CaseRequests.CaseView get(UUID id) {
        LegalCase c = LegalCase.findById(id);
        if (c == null) {
            throw ProblemException.notFound("Case", "No case " + id);
        }
        return CaseRequests.CaseView.of(c);
    }

    @Transactional
    public List<CaseRequests.CaseView> list(int limit) {
        return LegalCase.<LegalCase>find("order by createdAt desc").page(0, limit).list().stream()
                .map(CaseRequests.CaseView::of).toList();
    }

    /** Allow or deny; an unknown case is a denial, not an error, so callers fail closed on one path. */
    @Transactional
    public CaseRequests.Decision decide(CaseRequests.DecisionRequest r) {
        Instant now = clock.instant();
        LegalCase c = LegalCase.findById(r.caseId());
        LookupAuthorisation.Decision d = c == null
                ? new LookupAuthorisation.Decision(false, "no case " + r.caseId() + " is recorded")
                : c.decide(r.lookup(), r.category(), now);
        SpecifiedSenderInformation.Disclosure related = d.allowed() ? SpecifiedSenderInformation.under(c.type) : null;
        return new CaseRequests.Decision(r.caseId(), d.allowed(), d.reason(), now, d.allowed() ? c.validTo : null,
                c == null ? null : c.type, related == null ? null : related.allowed(),
                related == null ? null : related.reason());
    }
}
