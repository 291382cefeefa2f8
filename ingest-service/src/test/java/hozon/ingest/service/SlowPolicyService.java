package hozon.ingest.service;

import hozon.devdb.LoopbackStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A policy-service stand-in on loopback that answers the holds revision only after five seconds,
 * for ingest-service tests of what a slow peer does to a deleting transaction.
 */
public class SlowPolicyService implements QuarkusTestResourceLifecycleManager {

    static final long DELAY_MILLIS = 5_000;
    static final AtomicInteger ASKED = new AtomicInteger();
    private LoopbackStub stub;

    @Override
    public Map<String, String> start() {
        stub = LoopbackStub.start(Map.of("/api/v1/holds/revision", exchange -> {
            ASKED.incrementAndGet();
            try {
                Thread.sleep(DELAY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LoopbackStub.json(exchange, "{\"revision\":0}");
        }));
        return Map.of("quarkus.rest-client.policy.url", stub.url(), "hozon.ingest.purge.confirm-holds-unchanged", "true");
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
