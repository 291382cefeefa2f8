package hozon.console.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TermsTest {

    @Test
    void statuteCitationsReadAsAJapaneseLawyerWritesThem() {
        assertThat(Terms.japaneseArticle("CCP Art. 197(3)")).isEqualTo("刑事訴訟法第197条第3項");
        assertThat(Terms.japaneseArticle("CCP Art. 197(4): extension")).isEqualTo("刑事訴訟法第197条第4項: extension");
        assertThat(Terms.japaneseArticle("Platform Act Art. 5(1)(iii)")).isEqualTo("情報流通プラットフォーム対処法第5条第1項第iii号");
        assertThat(Terms.japaneseArticle("R8 (four-eyes)")).isEqualTo("R8 (four-eyes)");
        assertThat(Terms.citation("CCP Art. 197(3)", Locale.ENGLISH)).isEqualTo("CCP Art. 197(3)");
    }

    @Test
    void instantsShowAsJapanTimeWithTheZoneNamedInEitherLanguage() {
        Instant i = Instant.parse("2026-11-30T15:00:00Z");
        assertThat(Formats.jst(i, Locale.JAPANESE)).isEqualTo("2026年12月1日 00:00:00 JST");
        assertThat(Formats.jst("2026-11-30T15:00:00Z", Locale.ENGLISH)).isEqualTo("1 Dec 2026 00:00:00 JST");
        assertThat(Formats.jst("2026-12-01T00:00:00.000+09:00", Locale.JAPANESE)).isEqualTo("2026年12月1日 00:00:00 JST");
        assertThat(Formats.jst(null, Locale.JAPANESE)).isEmpty();
        assertThat(Terms.term("PRESERVATION_REQUEST", Locale.JAPANESE)).isEqualTo("保全要請（刑事訴訟法第197条第3項）");
    }

    @Test
    void daysLeftCountToTheLastDayInForceForAnExclusiveEnd() {
        Instant now = Instant.parse("2026-12-02T05:00:00Z"); // 14:00 JST
        assertThat(Formats.daysLeft("2026-12-08T00:00:00+09:00", now)).isEqualTo(5);
        assertThat(Formats.daysLeft("2026-12-07T23:59:59.999+09:00", now)).isEqualTo(5);
        assertThat(Formats.daysLeft("2026-12-08T00:00:00.001+09:00", now)).isEqualTo(6);
        assertThat(Formats.daysLeft("2026-12-03T00:00:00+09:00", now)).isZero();
        assertThat(Formats.daysLeft(null, now)).isEqualTo(-1);
    }
}
