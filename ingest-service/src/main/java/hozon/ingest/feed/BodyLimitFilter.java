package hozon.ingest.feed;

import hozon.ingest.config.IngestConfig;
import hozon.problem.Problem;
import hozon.problem.ProblemMappers;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Bounds and hashes every feed body ({@code /api/v1/ap/…}, {@code /api/v1/cp/…},
 * {@code /api/v1/radius/…}): JSON bodies to {@code max-json-body} (a JSON batch is parsed whole),
 * NDJSON to {@code max-ndjson-body} (read line by line). A declared Content-Length over the
 * limit is refused before anything is read.
 */
public class BodyLimitFilter {

    public static final String NDJSON = "application/x-ndjson";

    @Inject
    IngestConfig config;

    @Inject
    CurrentBody current;

    @ServerRequestFilter
    public Response limit(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        if (!"POST".equals(ctx.getMethod()) || !(path.startsWith("/api/v1/ap/") || path.startsWith("/api/v1/cp/")
                || path.startsWith("/api/v1/radius/"))) {
            return null;
        }
        boolean ndjson = ctx.getMediaType() != null && NDJSON.equals(ctx.getMediaType().getType() + "/"
                + ctx.getMediaType().getSubtype());
        long limit = (ndjson ? config.maxNdjsonBody() : config.maxJsonBody()).asLongValue();
        String declared = ctx.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && declared.matches("\\d{1,19}") && Long.parseLong(declared) > limit) {
            return ProblemMappers.toResponse(new Problem("payload-too-large", "Body too large", 413,
                    "The body exceeds " + limit + " bytes; nothing was stored. Split it"
                            + (ndjson ? "" : ", or stream NDJSON")).with("maxBytes", limit));
        }
        RequestBody body = new RequestBody(ctx.getEntityStream(), limit,
                ctx.getHeaderString(Idempotency.HEADER) != null);
        ctx.setEntityStream(body);
        current.set(body);
        return null;
    }
}
