package hozon.console.report;

import hozon.console.gateway.Reply;
import hozon.console.gateway.Service;
import hozon.console.gateway.ServiceGateway;
import hozon.console.i18n.Formats;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The retention compliance report an operator files (R9), assembled from what the services answer
 * the signed-in auditor — nothing computed here that a service does not state: each category's rule
 * with the Guideline's findings (policy-service), records overdue and held (purge-service), holds by
 * type, look-ups that found the logs already gone by category and month (ingest-service), deletions
 * by month with each run's ledger receipt, and whether the ledger's chain holds. The page, the PDF
 * and the CSV are all rendered from one instance, so they cannot disagree.
 */
@io.quarkus.qute.TemplateData
public record ComplianceReport(Instant asOf, List<Rule> rules, List<Overdue> overdue, List<HoldCount> holds,
        List<Expired> expired, List<Deletion> deletions, List<Receipt> receipts, Boolean ledgerValid,
        List<String> unavailable) {

    @io.quarkus.qute.TemplateData
    public record Rule(String category, Object version, String period, String status, List<String> findings) {
    }

    @io.quarkus.qute.TemplateData
    public record Overdue(String category, long recordsOverdue, long recordsHeld, String appliedCutoff) {
    }

    @io.quarkus.qute.TemplateData
    public record HoldCount(String type, long inForce, long total) {
    }

    @io.quarkus.qute.TemplateData
    public record Expired(String category, String month, long lookups, Object minAgeDays, Object maxAgeDays) {
    }

    @io.quarkus.qute.TemplateData
    public record Deletion(String month, long runs, long rowsRemoved) {
    }

    @io.quarkus.qute.TemplateData
    public record Receipt(String runId, String finishedAt, String outcome, long rowsRemoved, String ledgerHash) {
    }

    public static ComplianceReport collect(ServiceGateway services, String token, Instant now) {
        List<String> unavailable = new ArrayList<>();
        Reply rules = services.get(Service.POLICY, "/api/v1/retention-rules", token);
        Reply compliance = services.get(Service.PURGE, "/api/v1/compliance", token);
        Reply holds = services.get(Service.POLICY, "/api/v1/holds", token);
        Reply expired = services.get(Service.INGEST, "/api/v1/reports/expired-lookups", token);
        Reply runs = services.get(Service.PURGE, "/api/v1/purge-runs?limit=100", token);
        Reply ledger = services.get(Service.PURGE, "/api/v1/ledger?limit=1000", token);
        Reply verification = services.get(Service.PURGE, "/api/v1/ledger/verification", token);
        for (var e : Map.of("retention-rules", rules, "compliance", compliance, "holds", holds, "expired-lookups",
                expired, "purge-runs", runs, "ledger", ledger, "ledger-verification", verification).entrySet()) {
            if (!e.getValue().ok()) {
                unavailable.add(e.getKey() + " (" + e.getValue().detail() + ")");
            }
        }
        unavailable.sort(null);

        List<Rule> ruleRows = new ArrayList<>();
        for (Object o : rules.list()) {
            Map<?, ?> r = (Map<?, ?>) o;
            List<String> findings = new ArrayList<>();
            if (r.get("findings") instanceof List<?> fs) {
                for (Object f : fs) {
                    findings.add(f instanceof Map<?, ?> fm ? String.valueOf(fm.get("severity")) + ": "
                            + String.valueOf(fm.get("message")) : String.valueOf(f));
                }
            }
            ruleRows.add(new Rule(str(r.get("category")), r.get("version"), str(r.get("period")), str(r.get("status")),
                    findings));
        }
        List<Overdue> overdueRows = new ArrayList<>();
        if (compliance.map().get("categories") instanceof List<?> cs) {
            for (Object o : cs) {
                Map<?, ?> c = (Map<?, ?>) o;
                overdueRows.add(new Overdue(str(c.get("category")), num(c.get("recordsOverdue")),
                        num(c.get("recordsHeld")), str(c.get("appliedCutoff"))));
            }
        }
        Map<String, long[]> byType = new TreeMap<>();
        for (Object o : holds.list()) {
            Map<?, ?> h = (Map<?, ?>) o;
            long[] n = byType.computeIfAbsent(str(h.get("type")), k -> new long[2]);
            n[1]++;
            if ("IN_FORCE".equals(h.get("status"))) {
                n[0]++;
            }
        }
        List<HoldCount> holdRows = byType.entrySet().stream()
                .map(e -> new HoldCount(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        List<Expired> expiredRows = new ArrayList<>();
        for (Object o : expired.list()) {
            Map<?, ?> e = (Map<?, ?>) o;
            expiredRows.add(new Expired(str(e.get("category")), str(e.get("month")), num(e.get("lookups")),
                    e.get("minAgeDays"), e.get("maxAgeDays")));
        }
        Map<String, String> hashByRun = new TreeMap<>();
        for (Object o : ledger.list()) {
            Map<?, ?> l = (Map<?, ?>) o;
            if (l.get("runId") != null) {
                hashByRun.putIfAbsent(str(l.get("runId")), str(l.get("hash")));
            }
        }
        Map<String, long[]> byMonth = new TreeMap<>();
        List<Receipt> receiptRows = new ArrayList<>();
        for (Object o : runs.list()) {
            Map<?, ?> r = (Map<?, ?>) o;
            Instant at = Formats.instant(r.get("finishedAt") != null ? r.get("finishedAt") : r.get("startedAt"));
            long rows = num(r.get("rowsRemoved"));
            if (at != null && "SUCCEEDED".equals(r.get("outcome"))) {
                long[] n = byMonth.computeIfAbsent(YearMonth.from(at.atZone(Formats.JST)).toString(), k -> new long[2]);
                n[0]++;
                n[1] += rows;
            }
            receiptRows.add(new Receipt(str(r.get("id")), str(r.get("finishedAt")), str(r.get("outcome")), rows,
                    hashByRun.get(str(r.get("id")))));
        }
        List<Deletion> deletionRows = byMonth.entrySet().stream()
                .map(e -> new Deletion(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        Boolean valid = verification.ok() && verification.map().get("valid") instanceof Boolean b ? b : null;
        return new ComplianceReport(now, ruleRows, overdueRows, holdRows, expiredRows, deletionRows, receiptRows, valid,
                unavailable);
    }

    public long totalOverdue() {
        return overdue.stream().mapToLong(Overdue::recordsOverdue).sum();
    }

    /** The CSV: one row per number, {@code section,subject,month,measure,value}, RFC 4180 quoting. */
    public String csv() {
        StringBuilder out = new StringBuilder("section,subject,month,measure,value\r\n");
        for (Rule r : rules) {
            row(out, "rule", r.category(), "", "version", String.valueOf(r.version()));
            row(out, "rule", r.category(), "", "period", r.period());
            row(out, "rule", r.category(), "", "status", r.status());
            row(out, "rule", r.category(), "", "findings", String.join(" | ", r.findings()));
        }
        for (Overdue o : overdue) {
            row(out, "overdue", o.category(), "", "recordsOverdue", Long.toString(o.recordsOverdue()));
            row(out, "overdue", o.category(), "", "recordsHeld", Long.toString(o.recordsHeld()));
        }
        for (HoldCount h : holds) {
            row(out, "holds", h.type(), "", "inForce", Long.toString(h.inForce()));
            row(out, "holds", h.type(), "", "total", Long.toString(h.total()));
        }
        for (Expired e : expired) {
            row(out, "expiredLookups", e.category(), e.month(), "lookups", Long.toString(e.lookups()));
        }
        for (Deletion d : deletions) {
            row(out, "deletions", "", d.month(), "runs", Long.toString(d.runs()));
            row(out, "deletions", "", d.month(), "rowsRemoved", Long.toString(d.rowsRemoved()));
        }
        for (Receipt r : receipts) {
            row(out, "receipt", r.runId(), "", "ledgerHash", r.ledgerHash() == null ? "" : r.ledgerHash());
        }
        row(out, "ledger", "", "", "valid", ledgerValid == null ? "unknown" : ledgerValid.toString());
        return out.toString();
    }

    private static void row(StringBuilder out, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String c = cells[i] == null ? "" : cells[i];
            // A cell a spreadsheet would run as a formula is prefixed (CSV injection).
            if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0 && !c.matches("-?\\d+")) {
                c = "'" + c;
            }
            out.append(c.contains(",") || c.contains("\"") || c.contains("\n") ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
        }
        out.append("\r\n");
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static long num(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
