package hozon.console.pdf;

import hozon.console.config.ConsoleConfig;
import hozon.console.i18n.Formats;
import hozon.console.i18n.Terms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answer document (回答書) a legal officer signs and sends: the case it answers, the query, and
 * every candidate with the records it rests on (port block, session, MAP-E / deterministic-CGN
 * derivation) and the sender information by Enforcement Regulation Art. 2 item — in Japanese,
 * times in JST. Built from the look-up's answer exactly as ingest-service gave it.
 */
@ApplicationScoped
public class AnswerDocument {

    @Inject
    ConsoleConfig config;

    @Inject
    java.time.Clock clock;

    public byte[] render(String kind, Map<String, Object> kase, Object answer, String author) {
        try (PdfWriter pdf = new PdfWriter(config.pdf().fontFile(), "回答書", author)) {
            pdf.title("回答書（通信履歴の照会に対する回答）");
            pdf.field("作成日時", Formats.dateTime(clock.instant(), Locale.JAPANESE));
            pdf.field("作成者", author);
            pdf.heading("照会の根拠");
            pdf.field("種別", Terms.term(str(kase.get("type")), Locale.JAPANESE));
            pdf.field("文書番号", kase.get("reference"));
            pdf.field("発出者", kase.get("issuer"));
            pdf.field("有効期間", jst(kase.get("validFrom")) + " 〜 " + jst(kase.get("validTo")));
            if ("CP".equals(kind)) {
                cp(pdf, map(answer));
            } else if ("LIST".equals(kind)) {
                list(pdf, answer instanceof List<?> l ? l : List.of());
            } else {
                ap(pdf, map(answer));
            }
            pdf.space(12);
            pdf.line("以上");
            return pdf.finish();
        }
    }

    private void ap(PdfWriter pdf, Map<?, ?> a) {
        pdf.heading("照会事項");
        pdf.field("IPアドレス", a.get("ip"));
        pdf.field("ポート番号", a.get("port"));
        pdf.field("日時", jst(a.get("instant")));
        pdf.field("時刻誤差の許容", a.get("clockToleranceMillis") + " ミリ秒");
        pdf.heading("回答");
        List<?> candidates = a.get("candidates") instanceof List<?> l ? l : List.of();
        if (candidates.isEmpty()) {
            pdf.line(Boolean.TRUE.equals(a.get("expiredBeforeRequest"))
                    ? "該当する記録はありません（照会の日時は保存期間を過ぎ、記録は既に削除されています）。"
                    : "該当する記録はありません。");
        } else {
            pdf.line("該当候補 " + candidates.size() + " 件" + (Boolean.TRUE.equals(a.get("ambiguous"))
                    ? "（複数の候補があり、一意に特定できません）" : ""));
        }
        int n = 0;
        for (Object o : candidates) {
            Map<?, ?> c = map(o);
            pdf.heading("候補 " + (++n));
            pdf.field("加入者ID", c.get("subscriberId"));
            pdf.field("セッションID", c.get("sessionId"));
            pdf.field("NAS", c.get("nasId"));
            pdf.field("割当アドレス", c.get("assignedAddress"));
            if (c.get("publicIp") != null) {
                pdf.field("公開アドレス・ポート範囲", c.get("publicIp") + " : " + c.get("publicPortStart") + "–" + c.get("publicPortEnd"));
            }
            pdf.field("接続期間", jst(c.get("start")) + " 〜 " + (c.get("end") == null ? "（接続中）" : jst(c.get("end"))));
            pdf.field("照合の根拠", Terms.term(str(c.get("matchedBy")), Locale.JAPANESE));
            if (Boolean.TRUE.equals(c.get("onlyWithinTolerance"))) {
                pdf.line("※ 時刻誤差の許容範囲内でのみ一致しています。");
            }
            if (c.get("portBlock") instanceof Map<?, ?> pb) {
                pdf.field("ポートブロック記録", pb.get("publicIp") + " : " + pb.get("portStart") + "–" + pb.get("portEnd")
                        + "、" + jst(pb.get("allocatedAt")) + " 〜 " + (pb.get("releasedAt") == null ? "（割当中）"
                        : jst(pb.get("releasedAt"))) + "、装置 " + pb.get("deviceId"));
            }
            if (c.get("proof") instanceof Map<?, ?> proof && !proof.isEmpty()) {
                pdf.line("導出（ルールセットと中間値）：");
                proof.forEach((k, v) -> pdf.indented(k + " = " + v));
            }
            senderInformation(pdf, c.get("senderInformation"));
        }
        notes(pdf, a);
    }

    private void cp(PdfWriter pdf, Map<?, ?> a) {
        pdf.heading("照会事項");
        pdf.field("投稿ID", a.get("postId"));
        pdf.heading("回答");
        pdf.field("アカウント", a.get("accountId"));
        event(pdf, "投稿", a.get("post"));
        event(pdf, "直前のログイン等", a.get("nearestBefore"));
        event(pdf, "直後のログイン等", a.get("nearestAfter"));
        senderInformation(pdf, a.get("senderInformation"));
        if (a.get("withheld") instanceof List<?> w && !w.isEmpty()) {
            pdf.heading("提供しない情報");
            List<List<String>> rows = new ArrayList<>();
            for (Object o : w) {
                Map<?, ?> i = map(o);
                rows.add(List.of(str(i.get("article")), str(i.get("statutoryName")), str(i.get("source")), str(i.get("reason"))));
            }
            pdf.table(new float[] {1, 2, 2, 3}, List.of("条項", "項目", "記録", "理由"), rows);
        }
        notes(pdf, a);
    }

    private void list(PdfWriter pdf, List<?> lines) {
        pdf.heading("照会事項と回答（" + lines.size() + " 件）");
        List<List<String>> rows = new ArrayList<>();
        for (Object o : lines) {
            Map<?, ?> l = map(o);
            int index = l.get("index") instanceof Number num ? num.intValue() + 1 : 0;
            if (l.get("answer") instanceof Map<?, ?> a) {
                List<String> subscribers = new ArrayList<>();
                if (a.get("candidates") instanceof List<?> cs) {
                    for (Object c : cs) {
                        subscribers.add(str(map(c).get("subscriberId")) + "（" + Terms.term(str(map(c).get("matchedBy")), Locale.JAPANESE) + "）");
                    }
                }
                rows.add(List.of(Integer.toString(index), a.get("ip") + (a.get("port") == null ? "" : " : " + a.get("port")),
                        jst(a.get("instant")), subscribers.isEmpty()
                                ? (Boolean.TRUE.equals(a.get("expiredBeforeRequest")) ? "該当なし（削除済み）" : "該当なし")
                                : String.join("、", subscribers)));
            } else {
                Map<?, ?> p = map(l.get("problem"));
                rows.add(List.of(Integer.toString(index), "—", "—", "照会できません：" + p.get("detail")));
            }
        }
        pdf.table(new float[] {0.5f, 2, 2.2f, 3.3f}, List.of("No.", "IPアドレス : ポート", "日時", "加入者"), rows);
    }

    private void event(PdfWriter pdf, String label, Object o) {
        if (o instanceof Map<?, ?> e) {
            pdf.field(label, e.get("ip") + (e.get("sourcePort") == null ? "" : " : " + e.get("sourcePort")) + "、"
                    + jst(e.get("occurredAt")) + "（" + e.get("kind") + " " + e.get("eventId") + "）");
        }
    }

    private void senderInformation(PdfWriter pdf, Object items) {
        if (!(items instanceof List<?> list) || list.isEmpty()) {
            return;
        }
        pdf.line("発信者情報（特定電気通信による情報の流通によって発生する権利侵害等への対処に関する法律施行規則第2条）：");
        List<List<String>> rows = new ArrayList<>();
        for (Object o : list) {
            Map<?, ?> i = map(o);
            rows.add(List.of(str(i.get("article")), str(i.get("statutoryName")), str(i.get("value")),
                    str(i.get("recordedAtJst"))));
        }
        pdf.table(new float[] {1, 2.5f, 2.5f, 2}, List.of("条項", "項目", "内容", "通信の日時"), rows);
    }

    private void notes(PdfWriter pdf, Map<?, ?> a) {
        pdf.heading("付記");
        pdf.field("検索したログの種類", join(a.get("categoriesSearched")));
        pdf.field("照会の根拠が及ばず検索しなかった種類", join(a.get("categoriesNotCovered")));
        if (a.get("notes") instanceof List<?> notes) {
            for (Object n : notes) {
                pdf.line("・" + n);
            }
        }
    }

    private static String join(Object o) {
        return o instanceof List<?> l && !l.isEmpty() ? String.join("、", l.stream().map(String::valueOf).toList()) : "—";
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String jst(Object o) {
        return o == null ? "—" : Formats.jst(o, Locale.JAPANESE);
    }
}
