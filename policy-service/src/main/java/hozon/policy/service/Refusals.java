package hozon.policy.service;

import hozon.policy.domain.Refusal;
import hozon.problem.Problem;
import hozon.problem.ProblemException;
import java.util.List;

/** Turns domain refusals into one problem document: the first names the type and rule, all are listed. */
final class Refusals {

    private Refusals() {
    }

    static void throwIfAny(List<Refusal> refusals, int status) {
        if (refusals.isEmpty()) {
            return;
        }
        Refusal first = refusals.get(0);
        Problem p = new Problem(first.type(), "Refused", status,
                refusals.size() == 1 ? first.message() : first.message() + " (and " + (refusals.size() - 1) + " more)")
                .with("rule", first.rule());
        first.numbers().forEach(p::with);
        for (Refusal r : refusals) {
            p.withError(Problem.FieldError.of(r.field(), r.message()));
        }
        throw new ProblemException(p);
    }

    static void throwIf(Refusal refusal, int status) {
        if (refusal != null) {
            throwIfAny(List.of(refusal), status);
        }
    }
}
