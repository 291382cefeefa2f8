package hozon.purge.rest;

import hozon.devdb.LoopbackStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ingest-service stand-in on loopback that counts the deletions it is asked to execute and
 * answers as if it had removed rows, so that a purge-service test of "nothing deleted" fails if
 * purge-service asks for a deletion at all.
 */
public class FakeIngestService implements QuarkusTestResourceLifecycleManager {

    static final AtomicInteger EXECUTIONS = new AtomicInteger();
    private LoopbackStub stub;

    @Override
    public Map<String, String> start() {
        stub = LoopbackStub.start(Map.of("/internal/v1/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/internal/v1/purge-executions")) {
                EXECUTIONS.incrementAndGet();
            }
            LoopbackStub.json(exchange, "{\"completed\":true,\"categories\":[{\"category\":\"cp.login\","
                    + "\"partitionsDropped\":[],\"rowsInDroppedPartitions\":0,\"rowsDeleted\":5,\"rowsDeletedForPurpose\":0,"
                    + "\"rowsReleasedFromPreservation\":0,\"rowsHeld\":0}],\"unknownCategories\":[]}");
        }));
        return Map.of("quarkus.rest-client.ingest.url", stub.url());
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
