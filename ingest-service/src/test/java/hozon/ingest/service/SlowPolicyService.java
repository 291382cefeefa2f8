package hozon.ingest.service;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A policy-service stand-in on loopback that answers the holds revision only after five seconds,
 * for ingest-service tests of what a slow peer does to a deleting transaction.
 */
public class SlowPolicyService implements QuarkusTestResourceLifecycleManager {

    static final long DELAY_MILLIS = 5_000;
    static final AtomicInteger ASKED = new AtomicInteger();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/v1/holds/revision", exchange -> {
            ASKED.incrementAndGet();
            try {
                Thread.sleep(DELAY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"revision\":0}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            try {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (IOException gone) {
                // the caller gave up waiting, as it should
            }
        });
        server.start();
        return Map.of("quarkus.rest-client.policy.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "hozon.ingest.purge.confirm-holds-unchanged", "true");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
