package hozon.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into {@code application/problem+json}. Internal details (class names,
 * stack traces, SQL) never leave the service: an unexpected error gets an incident id that
 * is logged with the stack trace at ERROR.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** A problem with a {@code retryAfterSeconds} extension also gets the Retry-After header (429, 503). */
    public static Response toResponse(Problem problem) {
        Response.ResponseBuilder r = Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(problem);
        Object retry = problem.getExtensions() == null ? null : problem.getExtensions().get("retryAfterSeconds");
        if (retry != null) {
            r.header("Retry-After", retry.toString());
        }
        return r.build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return toResponse(e.problem());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        return toResponse(validationProblem(e));
    }

    /** The 400 problem for failed Bean Validation: one error per field, in a stable order. */
    public static Problem validationProblem(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(ProblemMappers::fieldErrorOf)
                .sorted(Comparator.comparing((Problem.FieldError fe) -> fe.index() == null ? -1 : fe.index())
                        .thenComparing(fe -> String.valueOf(fe.field())))
                .collect(Collectors.toList());
        return new Problem("validation", "Invalid request", 400,
                errors.size() + " field(s) failed validation").withErrors(errors);
    }

    @ServerExceptionMapper
    public Response unrecognizedField(UnrecognizedPropertyException e) {
        Problem.FieldError error = JsonErrors.of(e, null);
        return toResponse(new Problem("unknown-field", "Field not allowed", 400,
                "Field '" + e.getPropertyName() + "' is not part of this schema; nothing was stored").withError(error));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        Problem.FieldError error = JsonErrors.of(e, null);
        return toResponse(new Problem("malformed-body", "Malformed request body", 400,
                "The body does not match the expected schema: " + error.field() + " " + error.reason()
                        + "; nothing was stored").withError(error));
    }

    @ServerExceptionMapper
    public Response bodyTooLarge(BodyTooLargeException e) {
        return toResponse(new Problem("payload-too-large", "Body too large", 413,
                "The body exceeds " + e.limit() + " bytes; nothing was stored. Split it, or stream NDJSON")
                .with("maxBytes", e.limit()));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
        return toResponse(new Problem("malformed-body", "Malformed request body", 400,
                "The body is not valid JSON" + where + "; nothing was stored")
                .withError(new Problem.FieldError(null, "(body)", "not valid JSON" + where)));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        // The JSON reader reports a body it could not read as a 400 with the parser's exception as cause.
        if (e.getCause() instanceof UnrecognizedPropertyException u) {
            return unrecognizedField(u);
        }
        if (e.getCause() instanceof MismatchedInputException m) {
            return mismatchedInput(m);
        }
        if (e.getCause() instanceof JsonProcessingException j) {
            return malformedJson(j);
        }
        if (status >= 500) {
            return unexpected(e);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        String slug = status == 404 ? "not-found"
                : status == 405 ? "method-not-allowed"
                : status == 406 ? "not-acceptable"
                : status == 413 ? "payload-too-large"
                : status == 415 ? "unsupported-media-type"
                : "bad-request";
        return toResponse(new Problem(slug, reason, status, reason));
    }

    @ServerExceptionMapper
    public Response unauthenticated(io.quarkus.security.AuthenticationFailedException e) {
        return Response.fromResponse(toResponse(new Problem("unauthenticated", "Unauthenticated", 401,
                "A valid bearer token is required"))).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(io.quarkus.security.UnauthorizedException e) {
        return Response.fromResponse(toResponse(new Problem("unauthenticated", "Unauthenticated", 401,
                "A valid bearer token is required"))).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return toResponse(new Problem("forbidden", "Forbidden", 403,
                "Your role does not allow this operation"));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (clientClosed(e)) {
            // Not our failure and nobody to answer: the sender hung up while its body was being read
            // (nothing of it was stored). An ERROR per such request would drown real incidents.
            LOG.debugf("the client closed the connection before its request was read: %s", e);
            return toResponse(new Problem("client-closed", "Connection closed", 400,
                    "The connection was closed before the request was read; nothing was stored"));
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error, incident %s", incident);
        return toResponse(new Problem("internal", "Internal error", 500,
                "The request could not be completed; quote incident " + incident + " to the operator")
                .with("incident", incident));
    }

    /** Whether {@code e} is, or was caused by, the client closing its connection mid-request. */
    static boolean clientClosed(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 16; t = t.getCause()) { // bounded: causes may form a loop
            if (t instanceof io.vertx.core.http.HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Renders a violation path as the client wrote it: {@code records[3].ip} for a field of
     * the fourth record of a batch (index 3), {@code asOf} for a query parameter.
     */
    private static Problem.FieldError fieldErrorOf(ConstraintViolation<?> v) {
        Integer index = null;
        String parameter = null;
        StringBuilder field = new StringBuilder();
        for (Path.Node node : v.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD:
                    break;
                case PARAMETER:
                    parameter = node.getName();
                    break;
                default:
                    if (node.getIndex() != null) {
                        if (index == null) {
                            index = node.getIndex();
                        }
                        field.append('[').append(node.getIndex()).append(']');
                    }
                    if (node.getName() != null) {
                        if (field.length() > 0) {
                            field.append('.');
                        }
                        field.append(node.getName());
                    }
            }
        }
        String name = field.length() > 0 ? field.toString() : parameter;
        return new Problem.FieldError(index, name, v.getMessage());
    }
}
