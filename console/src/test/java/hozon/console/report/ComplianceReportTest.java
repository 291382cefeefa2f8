package hozon.console.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComplianceReportTest {

    @Test
    void theCsvQuotesCommasAndDefusesSpreadsheetFormulas() {
        ComplianceReport r = new ComplianceReport(Instant.EPOCH,
                List.of(new ComplianceReport.Rule("ap.connection-auth", 2, "P6M", "ACTIVE",
                        List.of("WARNING: beyond, the norm", "=HYPERLINK(\"x\")"))),
                List.of(new ComplianceReport.Overdue("ap.connection-auth", 3, 1, null)),
                List.of(new ComplianceReport.HoldCount("PRESERVATION_REQUEST", 1, 2)), List.of(), List.of(), List.of(),
                true, List.of());
        String csv = r.csv();
        assertThat(csv).startsWith("section,subject,month,measure,value\r\n")
                .contains("rule,ap.connection-auth,,findings,\"WARNING: beyond, the norm | =HYPERLINK(\"\"x\"\")\"\r\n")
                .contains("overdue,ap.connection-auth,,recordsOverdue,3\r\n")
                .contains("holds,PRESERVATION_REQUEST,,total,2\r\n")
                .contains("ledger,,,valid,true\r\n");
        ComplianceReport formula = new ComplianceReport(Instant.EPOCH,
                List.of(new ComplianceReport.Rule("=cmd|' /C calc'!A0", 1, "P3M", "ACTIVE", List.of())), List.of(), List.of(),
                List.of(), List.of(), List.of(), null, List.of());
        assertThat(formula.csv()).contains("rule,'=cmd|' /C calc'!A0,,version,1\r\n").contains("ledger,,,valid,unknown");
        assertThat(r.totalOverdue()).isEqualTo(3);
    }

    @Test
    void theChartIsEscapedSvgWithOneBarPerValue() {
        String svg = BarChart.svg(List.of(new BarChart.Bar("2026-11 <x>", 4), new BarChart.Bar("2026-12", 2)), "月別");
        assertThat(svg).startsWith("<svg").contains("aria-label=\"月別\"").contains("2026-11 &lt;x&gt;")
                .contains("width=\"360\"").contains("width=\"180\"");
    }
}
