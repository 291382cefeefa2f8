package hozon.console.web;

import hozon.console.pdf.ReportDocument;
import hozon.console.report.BarChart;
import hozon.console.report.ComplianceReport;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** The retention compliance report (R9): page with charts, PDF with Japanese fonts embedded, CSV. */
@Path("/report")
public class ReportPages extends ConsolePage {

    @Inject
    ReportDocument document;

    @Inject
    Clock clock;

    @Inject
    Template report;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        if (!mayRead()) {
            return pages.forbidden();
        }
        ComplianceReport r = collect();
        String deletions = BarChart.svg(r.deletions().stream().map(d -> new BarChart.Bar(d.month(), d.rowsRemoved())).toList(),
                caller.english() ? "Rows deleted by month" : "月別削除件数");
        String expired = BarChart.svg(r.expired().stream()
                .map(e -> new BarChart.Bar(e.month() + " " + e.category(), e.lookups())).toList(),
                caller.english() ? "Look-ups after deletion" : "削除後の照会件数");
        return pages.withStatus(pages.page(report, "report").data("r", r).data("deletionsChart", deletions)
                .data("expiredChart", expired), 200);
    }

    @GET
    @Path("/pdf")
    @Produces("application/pdf")
    public Response pdf() {
        if (!mayRead()) {
            return pages.forbidden();
        }
        ComplianceReport r = collect();
        return Response.ok(document.render(r, caller.name()), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"compliance-report.pdf\"")
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/csv")
    @Produces("text/csv")
    public Response csv() {
        if (!mayRead()) {
            return pages.forbidden();
        }
        ComplianceReport r = collect();
        return Response.ok(r.csv().getBytes(StandardCharsets.UTF_8), "text/csv;charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"compliance-report.csv\"")
                .header("Cache-Control", "no-store").build();
    }

    /** Roles with at least one of the report's sources (the services decide which parts they get). */
    private boolean mayRead() {
        return caller.auditor() || caller.purgeOperator() || caller.policyAdmin();
    }

    private ComplianceReport collect() {
        return ComplianceReport.collect(services, caller.token(), clock.instant());
    }
}
