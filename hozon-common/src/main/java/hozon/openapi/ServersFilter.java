package hozon.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Puts the service's public base URLs into the document's {@code servers}, from
 * {@code hozon.openapi.servers} (comma-separated; HOZON_OPENAPI_SERVERS), at build time for the
 * stored document and again at start-up for the served one, so a deployment names its own
 * ingress host and generated clients point where the API actually is. The framework's own
 * guesses (localhost and 0.0.0.0 of the build) are turned off: they are never right outside.
 */
@OpenApiFilter(stages = {OpenApiFilter.RunStage.BUILD, OpenApiFilter.RunStage.RUNTIME_STARTUP})
public class ServersFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Optional<List<String>> urls = ConfigProvider.getConfig().getOptionalValues("hozon.openapi.servers", String.class);
        urls.ifPresent(list -> openAPI.setServers(list.stream().map(String::strip).filter(u -> !u.isEmpty())
                .map(u -> OASFactory.createServer().url(u).description("hozon "
                        + ConfigProvider.getConfig().getOptionalValue("quarkus.application.name", String.class)
                                .orElse("service")))
                .toList()));
    }
}
