package hozon.devdb;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A stand-in for a peer service on loopback (a free port), answering the paths it is given:
 * for tests of what a service does when its peer is slow or says something particular.
 */
public final class LoopbackStub implements AutoCloseable {

    private final HttpServer server;

    private LoopbackStub(HttpServer server) {
        this.server = server;
    }

    /** Starts serving each path prefix with its handler. */
    public static LoopbackStub start(Map<String, HttpHandler> handlers) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            handlers.forEach(server::createContext);
            server.start();
            return new LoopbackStub(server);
        } catch (IOException e) {
            throw new IllegalStateException("could not start a loopback stub", e);
        }
    }

    /** Answers 200 with a JSON body; a caller that gave up waiting is ignored. */
    public static void json(com.sun.net.httpserver.HttpExchange exchange, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException gone) {
            // the caller gave up waiting
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
