package hozon.suite;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal OpenTelemetry collector for the tests: accepts OTLP/HTTP protobuf trace exports on
 * /v1/traces and keeps every span with the service that sent it, and the raw bytes received
 * (to check that no identifier ever left a service in a span).
 */
final class OtlpCollector implements AutoCloseable {

    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, Span span) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<byte[]> raw = new CopyOnWriteArrayList<>();

    private OtlpCollector(HttpServer server) {
        this.server = server;
    }

    static OtlpCollector start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        OtlpCollector collector = new OtlpCollector(server);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                collector.accept(body);
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, 0);
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return collector;
    }

    private void accept(byte[] body) throws IOException {
        raw.add(body);
        ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
        HexFormat hex = HexFormat.of();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            String service = rs.getResource().getAttributesList().stream().filter(a -> a.getKey().equals("service.name"))
                    .map(KeyValue::getValue).map(v -> v.getStringValue()).findFirst().orElse("?");
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span s : ss.getSpansList()) {
                    spans.add(new ReceivedSpan(service, hex.formatHex(s.getTraceId().toByteArray()),
                            hex.formatHex(s.getSpanId().toByteArray()),
                            s.getParentSpanId().isEmpty() ? null : hex.formatHex(s.getParentSpanId().toByteArray()),
                            s.getName(), s));
                }
            }
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return new ArrayList<>(spans);
    }

    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /** Everything received, as text (protobuf strings are UTF-8 inside the bytes). */
    String rawText() {
        StringBuilder sb = new StringBuilder();
        raw.forEach(b -> sb.append(new String(b, java.nio.charset.StandardCharsets.UTF_8)));
        return sb.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
