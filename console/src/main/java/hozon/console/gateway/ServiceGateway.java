package hozon.console.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import hozon.console.config.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The console's only way to the services: every call carries the signed-in person's own bearer
 * token, so each service applies its own role checks — the console never has a token of its own
 * and cannot widen what a person may do. Nothing from a body is logged.
 */
@ApplicationScoped
public class ServiceGateway {

    private static final Logger LOG = Logger.getLogger(ServiceGateway.class);

    @Inject
    ConsoleConfig config;

    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(java.time.Duration.ofSeconds(5)).build();

    public Reply get(Service service, String path, String token) {
        return send(service, path, token, HttpRequest.newBuilder().GET(), null);
    }

    public Reply post(Service service, String path, String token, Object body) {
        return send(service, path, token, json(body), null);
    }

    /** A POST answered as NDJSON (bulk look-ups): one parsed object per line, in order. */
    public Reply postLines(Service service, String path, String token, Object body) {
        return send(service, path, token, json(body), "application/x-ndjson");
    }

    private HttpRequest.Builder json(Object body) {
        return HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofString(write(body), StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
    }

    private Reply send(Service service, String path, String token, HttpRequest.Builder request, String lines) {
        URI uri = URI.create(base(service) + path);
        request.uri(uri).timeout(config.requestTimeout())
                .header("Accept", lines != null ? lines + ", application/problem+json" : "application/json, application/problem+json")
                .header("Authorization", "Bearer " + token);
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String body = r.body();
            if (body == null || body.isBlank()) {
                return new Reply(r.statusCode(), null);
            }
            if (lines != null && r.statusCode() / 100 == 2) {
                List<Object> parsed = new ArrayList<>();
                for (String line : body.split("\n")) {
                    if (!line.isBlank()) {
                        parsed.add(json.readValue(line, Object.class));
                    }
                }
                return new Reply(r.statusCode(), parsed);
            }
            try {
                return new Reply(r.statusCode(), json.readValue(body, Object.class));
            } catch (JsonProcessingException notJson) {
                return new Reply(r.statusCode(), Map.of("detail", "HTTP " + r.statusCode()));
            }
        } catch (IOException e) {
            LOG.warnf("%s unreachable at %s: %s", service, uri.getPath(), e.getClass().getSimpleName());
            return new Reply(0, Map.of("detail", service.name().toLowerCase() + "-service unavailable"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, Map.of("detail", "interrupted"));
        }
    }

    private String base(Service service) {
        return switch (service) {
            case POLICY -> config.services().policy();
            case INGEST -> config.services().ingest();
            case PURGE -> config.services().purge();
        };
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
