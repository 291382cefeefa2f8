package hozon.ingest.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The items of sender information (発信者情報) a disclosure order can name, as the Platform
 * Act's Enforcement Regulation Art. 2 lists them (MIC Order No. 39 of 2022, as amended; domain
 * brief §7), mapped to what hozon's logs hold. Items (i)–(iv) — name, address, telephone number,
 * e-mail address — live in the provider's subscriber or account register, which hozon does not
 * keep: a look-up gives the identifier to resolve them by, except the telephone number verified
 * by SMS, which CP login and account events carry. Items of infringement-related communications
 * (侵害関連通信, Act Art. 5(3)) are specified sender information, disclosed only under Art.
 * 5(1)(iii)'s extra conditions; policy-service decides per case type whether an answer may carry
 * them.
 *
 * <p>The codes are stable; the article labels are the Regulation's item numbers as read for
 * this release — counsel should confirm them against the current e-Gov text before quoting them
 * in a filing.
 */
public enum SenderInformationItem {
    /** Resolved in the provider's own register by the identifier given. */
    SUBSCRIBER_REGISTER("Art. 2(i)-(iv)", "発信者の氏名又は名称、住所、電話番号、電子メールアドレス（契約者情報で特定）", false),
    TELEPHONE("Art. 2(iii)", "電話番号（SMS認証に用いられたもの）", false),
    IP_ADDRESS_AND_PORT("Art. 2(v)", "侵害情報の送信に係るアイ・ピー・アドレス及びポート番号", false),
    MOBILE_USER_ID("Art. 2(vi)", "侵害情報の送信に係る移動端末設備からのインターネット接続サービス利用者識別符号", false),
    SIM_ID("Art. 2(vii)", "侵害情報の送信に係るSIMカード識別番号", false),
    TIMESTAMP("Art. 2(viii)", "侵害情報が送信された年月日及び時刻", false),
    RELATED_IP_ADDRESS_AND_PORT("Art. 2(ix)", "侵害関連通信に係るアイ・ピー・アドレス及びポート番号", true),
    RELATED_TIMESTAMP("Art. 2(xii)", "侵害関連通信が行われた年月日及び時刻", true),
    /** The SMS-verified number as learnt from an infringement-related communication. */
    RELATED_TELEPHONE("Art. 2(iii)", "侵害関連通信に係る者の電話番号（SMS認証に用いられたもの）", true),
    USER_MANAGEMENT_CODE("Art. 2(xiii)", "利用管理符号", false),
    RELATED_USER_MANAGEMENT_CODE("Art. 2(xiii)", "侵害関連通信に係る者の利用管理符号", true),
    /** Not an Art. 2 item: asked for in practice (domain brief §7), given under the same case. */
    DESTINATION("practice (not an Art. 2 item)", "宛先アイ・ピー・アドレス及びポート番号", false),
    RELATED_DESTINATION("practice (not an Art. 2 item)", "侵害関連通信の宛先アイ・ピー・アドレス及びポート番号", true);

    /** Japan Standard Time: the time zone disclosure practice asks for (no daylight saving). */
    public static final ZoneOffset JST = ZoneOffset.ofHours(9);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private final String article;
    private final String statutoryName;
    private final boolean infringementRelated;

    SenderInformationItem(String article, String statutoryName, boolean infringementRelated) {
        this.article = article;
        this.statutoryName = statutoryName;
        this.infringementRelated = infringementRelated;
    }

    public String article() {
        return article;
    }

    public String statutoryName() {
        return statutoryName;
    }

    /** Whether the item comes from an infringement-related communication (specified sender information). */
    public boolean infringementRelated() {
        return infringementRelated;
    }

    /** An instant as disclosure practice writes it: JST, to the millisecond. */
    public static String jst(Instant t) {
        return t == null ? null : MILLIS.format(t.atOffset(JST));
    }

    /** {@code 198.51.100.23:51034}, {@code [2001:db8::1]:443}, or the address alone without a port. */
    public static String addressAndPort(String ip, Integer port) {
        if (ip == null) {
            return null;
        }
        if (port == null) {
            return ip;
        }
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }
}
