package hozon.console.i18n;

import io.quarkus.qute.TemplateExtension.TemplateAttribute;
import io.quarkus.qute.TemplateExtension;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services' codes as a Japanese reader knows them — case types, hold types, how a candidate was
 * found, and statute citations ("CCP Art. 197(3)" → 刑事訴訟法第197条第3項) — and as they are in
 * English. In templates: {@code {hold.type.term}}, {@code {problem.rule.citation}}.
 */
public final class Terms {

    private static final Pattern ARTICLE = Pattern.compile("(CCP|Platform Act|Telecommunications Business Act) Art\\. (\\d+)(?:\\((\\d+)\\))?(?:\\((\\w+)\\))?");

    private Terms() {
    }

    /** A code in the reader's language (the code itself when it is not one of ours). */
    @TemplateExtension(matchName = "term")
    public static String term(Object code, @TemplateAttribute("locale") Object locale) {
        String c = code == null ? "" : code.toString();
        boolean en = Formats.isEnglish(locale);
        return switch (c) {
            case "WARRANT" -> en ? "Warrant" : "令状";
            case "DISCLOSURE_ORDER" -> en ? "Disclosure order" : "発信者情報開示命令";
            case "PROVISION_ORDER" -> en ? "Provision order" : "提供命令";
            case "DISCLOSURE_REQUEST" -> en ? "Disclosure request" : "発信者情報開示請求";
            case "SERVICE_PROTECTION" -> en ? "Protection of own service" : "自社サービスの保護";
            case "PRESERVATION_REQUEST" -> en ? "Preservation request (CCP Art. 197(3))" : "保全要請（刑事訴訟法第197条第3項）";
            case "DELETION_PROHIBITION_ORDER" -> en ? "Deletion-prohibition order" : "消去禁止命令";
            case "EMERGENCY_PRESERVATION" -> en ? "Emergency preservation" : "緊急保全";
            case "OTHER_STATUTE" -> en ? "Other statute" : "その他の法令";
            case "IN_FORCE" -> en ? "In force" : "有効";
            case "PENDING" -> en ? "Not yet in force" : "開始前";
            case "EXPIRED" -> en ? "Expired" : "期間満了";
            case "RELEASED" -> en ? "Released" : "解除";
            case "WITHDRAWN" -> en ? "Withdrawn" : "撤回";
            case "ASSIGNED_ADDRESS" -> en ? "Assigned address" : "割当アドレス";
            case "SESSION_PORT_RANGE" -> en ? "Session port range" : "セッションのポート範囲";
            case "PORT_BLOCK" -> en ? "CGN port block" : "CGNポートブロック記録";
            case "DS_LITE" -> en ? "DS-Lite (AFTR log)" : "DS-Lite（AFTR記録）";
            case "MAP_E" -> en ? "MAP-E (derived from the rule set)" : "MAP-E（ルールセットからの導出）";
            case "DETERMINISTIC_CGN" -> en ? "Deterministic CGN (derived)" : "決定論的CGN（設定からの導出）";
            case "AP_ADDRESS" -> en ? "AP look-up (address)" : "AP照会（アドレス）";
            case "CP_POST" -> en ? "CP look-up (post)" : "CP照会（投稿）";
            case "HOLD_RELEASE" -> en ? "Hold release" : "保全の解除";
            case "RULE_ACTIVATION" -> en ? "Retention rule beyond the Guideline" : "ガイドラインを超える保存ルール";
            default -> c;
        };
    }

    /** A statute citation in Japanese ("CCP Art. 197(3)" → 刑事訴訟法第197条第3項); English as cited. */
    @TemplateExtension(matchName = "citation")
    public static String citation(Object rule, @TemplateAttribute("locale") Object locale) {
        String r = rule == null ? "" : rule.toString();
        return Formats.isEnglish(locale) ? r : japaneseArticle(r);
    }

    public static String japaneseArticle(String rule) {
        Matcher m = ARTICLE.matcher(rule);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String law = switch (m.group(1)) {
                case "CCP" -> "刑事訴訟法";
                case "Platform Act" -> "情報流通プラットフォーム対処法";
                default -> "電気通信事業法";
            };
            String s = law + "第" + m.group(2) + "条" + (m.group(3) != null ? "第" + m.group(3) + "項" : "")
                    + (m.group(4) != null ? "第" + m.group(4) + "号" : "");
            m.appendReplacement(out, Matcher.quoteReplacement(s));
        }
        m.appendTail(out);
        return out.toString();
    }
}
