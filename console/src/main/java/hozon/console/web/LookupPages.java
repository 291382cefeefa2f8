package hozon.console.web;

import hozon.console.gateway.Reply;
import hozon.console.gateway.Service;
import hozon.console.pdf.AnswerDocument;
import hozon.console.config.ConsoleConfig;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Look-ups inside a case: AP (address, port, instant), CP (post), and a disclosure order's list
 * pasted or uploaded as CSV (ingest-service's bulk look-up: each tuple authorised against the
 * case and audited on its own). Every query goes in a form body; the answer document (回答書) is
 * made from a fresh look-up — audited like any — so it states what the logs hold when printed.
 */
@Path("/lookups")
@Produces(MediaType.TEXT_HTML)
public class LookupPages extends ConsolePage {

    @Inject
    ConsoleConfig config;

    @Inject
    AnswerDocument answerDocument;

    @Inject
    Template lookups;

    @Inject
    Template lookupResult;

    @GET
    public Response form() {
        if (!caller.legalOfficer()) {
            return pages.forbidden();
        }
        return formWith(null, 200);
    }

    @POST
    @Path("/ap")
    public Response ap(@RestForm String caseId, @RestForm String ip, @RestForm String port, @RestForm String instant) {
        Reply r = apLookup(caseId, ip, port, instant);
        if (!r.ok()) {
            return formWith(r, Pages.statusOf(r));
        }
        return result("AP", caseId, r.map(), List.of(), Map.of("ip", ip, "port", port == null ? "" : port, "instant", instant));
    }

    @POST
    @Path("/cp")
    public Response cp(@RestForm String caseId, @RestForm String postId) {
        Reply r = cpLookup(caseId, postId);
        if (!r.ok()) {
            return formWith(r, Pages.statusOf(r));
        }
        return result("CP", caseId, r.map(), List.of(), Map.of("postId", postId));
    }

    @POST
    @Path("/list")
    @jakarta.ws.rs.Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response list(@RestForm String caseId, @RestForm String tuples, @RestForm("file") FileUpload file)
            throws IOException {
        String text = file != null && file.size() > 0 ? Files.readString(file.uploadedFile(), StandardCharsets.UTF_8)
                : tuples;
        TupleList parsed = TupleList.parse(text == null ? "" : text, config.maxListTuples());
        Reply r = listLookup(caseId, parsed);
        if (!r.ok()) {
            return formWith(r, Pages.statusOf(r));
        }
        return result("LIST", caseId, Map.of(), r.list(), Map.of("tuples", parsed.canonical()));
    }

    /** The answer document: the same look-up again, rendered as a Japanese PDF. */
    @POST
    @Path("/answer")
    @Produces({"application/pdf", MediaType.TEXT_HTML})
    public Response answer(@RestForm String kind, @RestForm String caseId, @RestForm String ip, @RestForm String port,
            @RestForm String instant, @RestForm String postId, @RestForm String tuples) {
        String k = "CP".equals(kind) || "LIST".equals(kind) ? kind : "AP";
        Reply r = switch (k) {
            case "CP" -> cpLookup(caseId, postId);
            case "LIST" -> listLookup(caseId, TupleList.parse(tuples == null ? "" : tuples, config.maxListTuples()));
            default -> apLookup(caseId, ip, port, instant);
        };
        if (!r.ok()) {
            return formWith(r, Pages.statusOf(r));
        }
        byte[] pdf = answerDocument.render(k, kase(caseId), r.body(), caller.name());
        return Response.ok(pdf, "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"kaitousho.pdf\"")
                .header("Cache-Control", "no-store").build();
    }

    private Reply apLookup(String caseId, String ip, String port, String instant) {
        return services.post(Service.INGEST, "/api/v1/lookups/ap", caller.token(), apQuery(caseId, ip, port, instant));
    }

    private Reply cpLookup(String caseId, String postId) {
        return services.post(Service.INGEST, "/api/v1/lookups/cp", caller.token(), cpQuery(caseId, postId));
    }

    /** ingest-service's bulk look-up; a list that does not parse is refused here (400) with the line at fault. */
    private Reply listLookup(String caseId, TupleList parsed) {
        if (parsed.error() != null) {
            return new Reply(400, Map.of("detail", parsed.error()));
        }
        return services.postLines(Service.INGEST, "/api/v1/lookups/ap/bulk", caller.token(),
                Map.of("caseId", caseId == null ? "" : caseId, "tuples", parsed.tuples()));
    }

    private Map<String, Object> kase(String caseId) {
        return services.get(Service.POLICY, "/api/v1/cases/" + safeId(caseId), caller.token()).map();
    }

    private Response result(String kind, String caseId, Map<String, Object> answer, List<Object> lines,
            Map<String, Object> query) {
        return pages.withStatus(pages.page(lookupResult, "lookups").data("kind", kind).data("caseId", caseId)
                .data("kase", kase(caseId)).data("answer", answer).data("lines", lines).data("query", query), 200);
    }

    private Response formWith(Reply refused, int status) {
        Reply cases = services.get(Service.POLICY, "/api/v1/cases", caller.token());
        List<Object> open = new ArrayList<>();
        for (Object c : cases.list()) {
            if (c instanceof Map<?, ?> m && m.get("closedAt") == null) {
                open.add(c);
            }
        }
        return pages.withStatus(pages.page(lookups, "lookups").data("cases", open).data("refused", refused), status);
    }

    private static Map<String, Object> apQuery(String caseId, String ip, String port, String instant) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("caseId", Forms.blankToNull(caseId));
        q.put("ip", Forms.blankToNull(ip));
        q.put("port", Forms.integer(port));
        q.put("instant", Forms.instant(instant));
        return q;
    }

    private static Map<String, Object> cpQuery(String caseId, String postId) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("caseId", Forms.blankToNull(caseId));
        q.put("postId", Forms.blankToNull(postId));
        return q;
    }

    /** A case id for a path segment: a UUID or nothing (never text a person typed). */
    private static String safeId(String caseId) {
        try {
            return java.util.UUID.fromString(caseId == null ? "" : caseId.strip()).toString();
        } catch (IllegalArgumentException e) {
            return "00000000-0000-0000-0000-000000000000";
        }
    }
}
