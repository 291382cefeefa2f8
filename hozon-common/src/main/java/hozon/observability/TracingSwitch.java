package hozon.observability;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.List;

/**
 * Answers the configuration property {@code hozon.otel.no-endpoint}: "true" unless an OTLP
 * endpoint is configured ({@code quarkus.otel.exporter.otlp.endpoint} or
 * {@code quarkus.otel.exporter.otlp.traces.endpoint}, from any source: environment, system
 * property, file). Each service sets {@code quarkus.otel.sdk.disabled=${hozon.otel.no-endpoint}},
 * so tracing — and its export — is off unless someone says where spans go; otherwise the
 * exporter would try the library's default (localhost:4317) and log failures forever.
 * An explicit QUARKUS_OTEL_SDK_DISABLED still wins.
 */
@Priority(Priorities.LIBRARY + 100) // below expression expansion (3300), which looks names up through us
public class TracingSwitch implements ConfigSourceInterceptor {

    static final String NAME = "hozon.otel.no-endpoint";
    private static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.endpoint",
            "quarkus.otel.exporter.otlp.traces.endpoint");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!NAME.equals(name) || value != null) {
            return value;
        }
        boolean configured = ENDPOINTS.stream().map(context::proceed)
                // Set by someone (file, environment, system property: positive ordinals), not a
                // library default (those sources have the lowest ordinals).
                .anyMatch(v -> v != null && v.getValue() != null && !v.getValue().isBlank()
                        && v.getConfigSourceOrdinal() > 0);
        return ConfigValue.builder().withName(NAME).withValue(Boolean.toString(!configured))
                .withConfigSourceName("hozon.observability.TracingSwitch").build();
    }
}
