package hozon.ingest.client;

import hozon.problem.PeerFailure;
import hozon.ingest.config.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Makes "a hold placed after the plan was fetched still wins" true: called inside each
 * deleting transaction, after the deletion and before commit. If policy-service's holds
 * revision differs from the plan's, or policy-service cannot say, the transaction is rolled
 * back and the execution stops. A hold committed after this check was placed after the
 * deletion, which it cannot undo.
 */
@ApplicationScoped
public class HoldsGuard {

    @Inject
    PolicyGateway policy;

    @Inject
    IngestConfig config;

    public void confirmUnchanged(long planRevision) {
        if (!config.purge().confirmHoldsUnchanged()) {
            return;
        }
        long current;
        try {
            current = policy.holdsRevision();
        } catch (RuntimeException e) {
            throw new HoldsChanged("could not confirm that no hold changed since the plan: "
                    + PeerFailure.describe("policy-service", e) + "; nothing more was deleted");
        }
        if (current != planRevision) {
            throw new HoldsChanged("holds changed since the plan was made (revision " + planRevision + " → " + current
                    + "); nothing more was deleted, the next run uses a fresh plan");
        }
    }

    /** The execution must stop: deleting more could ignore a hold. */
    public static class HoldsChanged extends RuntimeException {
        public HoldsChanged(String message) {
            super(message, null, false, false);
        }
    }
}
