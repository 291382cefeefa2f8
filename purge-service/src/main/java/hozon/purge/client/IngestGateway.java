package hozon.purge.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Hands a plan to ingest-service. Deliberately no retry here: an execution may run for
 * minutes, and a retried call could overlap the first. The next scheduled run re-executes the
 * plan, which is idempotent, so a failure loses nothing.
 */
@ApplicationScoped
public class IngestGateway {

    @Inject
    @RestClient
    IngestClient client;

    public PurgeExecution execute(PurgeOrder order) {
        return client.execute(order);
    }
}
