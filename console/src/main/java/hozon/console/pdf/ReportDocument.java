package hozon.console.pdf;

import hozon.console.config.ConsoleConfig;
import hozon.console.i18n.Formats;
import hozon.console.i18n.Terms;
import hozon.console.report.ComplianceReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;

/** The retention compliance report as a Japanese PDF: the same {@link ComplianceReport} the page and the CSV show. */
@ApplicationScoped
public class ReportDocument {

    @Inject
    ConsoleConfig config;

    public byte[] render(ComplianceReport r, String author) {
        try (PdfWriter pdf = new PdfWriter(config.pdf().fontFile(), "通信履歴の保存に関する遵守状況報告書", author)) {
            pdf.title("通信履歴の保存に関する遵守状況報告書");
            pdf.field("基準日時", Formats.dateTime(r.asOf(), Locale.JAPANESE));
            pdf.field("作成者", author);
            if (!r.unavailable().isEmpty()) {
                pdf.field("取得できなかった項目", String.join("、", r.unavailable()));
            }
            pdf.heading("1. 保存ルールとガイドラインの所見");
            pdf.table(new float[] {2, 0.7f, 1, 1.3f, 4}, List.of("ログの種類", "版", "保存期間", "状態", "所見"),
                    r.rules().stream().map(x -> List.of(x.category(), String.valueOf(x.version()), x.period(), x.status(),
                            x.findings().isEmpty() ? "なし" : String.join("\n", x.findings()))).toList());
            pdf.heading("2. 保存期間を過ぎた記録");
            pdf.table(new float[] {3, 2, 2, 3}, List.of("ログの種類", "期限超過件数", "保全中の件数", "削除基準日時"),
                    r.overdue().stream().map(x -> List.of(x.category(), Long.toString(x.recordsOverdue()),
                            Long.toString(x.recordsHeld()), x.appliedCutoff() == null ? "—"
                                    : Formats.dateTime(Formats.instant(x.appliedCutoff()), Locale.JAPANESE))).toList());
            pdf.field("期限超過の合計", r.totalOverdue() + " 件");
            pdf.heading("3. 保全（種類別）");
            pdf.table(new float[] {4, 2, 2}, List.of("種類", "有効", "合計"),
                    r.holds().stream().map(x -> List.of(Terms.term(x.type(), Locale.JAPANESE), Long.toString(x.inForce()),
                            Long.toString(x.total()))).toList());
            pdf.heading("4. 記録の削除後に届いた照会（種類・月別）");
            pdf.table(new float[] {3, 1.5f, 1.5f, 1.5f, 1.5f}, List.of("ログの種類", "月", "件数", "最短経過日数", "最長経過日数"),
                    r.expired().stream().map(x -> List.of(x.category(), x.month(), Long.toString(x.lookups()),
                            String.valueOf(x.minAgeDays()), String.valueOf(x.maxAgeDays()))).toList());
            pdf.heading("5. 削除の実績（月別）");
            pdf.table(new float[] {2, 2, 3}, List.of("月", "実行回数", "削除件数"),
                    r.deletions().stream().map(x -> List.of(x.month(), Long.toString(x.runs()),
                            Long.toString(x.rowsRemoved()))).toList());
            pdf.heading("6. 削除の受領記録（台帳）");
            pdf.field("台帳のハッシュ連鎖", r.ledgerValid() == null ? "確認できません" : r.ledgerValid() ? "正常" : "破損あり");
            pdf.table(new float[] {3, 2.2f, 1.2f, 1, 3.6f}, List.of("実行ID", "終了日時", "結果", "削除件数", "台帳ハッシュ"),
                    r.receipts().stream().map(x -> List.of(x.runId(), x.finishedAt() == null ? "—"
                            : Formats.dateTime(Formats.instant(x.finishedAt()), Locale.JAPANESE), x.outcome(),
                            Long.toString(x.rowsRemoved()), x.ledgerHash() == null ? "—" : x.ledgerHash())).toList());
            return pdf.finish();
        }
    }
}
