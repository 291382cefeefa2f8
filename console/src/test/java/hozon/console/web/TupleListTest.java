package hozon.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TupleListTest {

    @Test
    void aPastedListBecomesTuplesWithJapanWallClockTimesReadAsJst() {
        TupleList l = TupleList.parse("ip,port,instant\r\n203.0.113.7,1500,2026-12-01 10:00:00\n\n2001:db8::1,,2026-12-01T01:00:00Z\n", 10);
        assertThat(l.error()).isNull();
        assertThat(l.tuples()).containsExactly(
                Map.of("ip", "203.0.113.7", "port", 1500, "instant", "2026-12-01T10:00+09:00"),
                new java.util.LinkedHashMap<>(java.util.Collections.singletonMap("ip", (Object) "2001:db8::1")) {
                    {
                        put("port", null);
                        put("instant", "2026-12-01T01:00Z");
                    }
                });
    }

    @Test
    void aLineWithoutThreeFieldsOrTooManyTuplesIsRefusedWithTheLineNumber() {
        assertThat(TupleList.parse("203.0.113.7,1500\n", 10).error()).isEqualTo("line 1: expected address,port,instant");
        assertThat(TupleList.parse("a,1,2026-12-01 10:00:00\nb,2,2026-12-01 10:00:00\nc,3,2026-12-01 10:00:00\n", 2).error())
                .isEqualTo("more than 2 tuples");
        assertThat(TupleList.parse("\n\n", 2).error()).isEqualTo("no tuples");
    }

    @Test
    void aTimeThatIsNotOneIsPassedOnAsTypedForTheServiceToRefuse() {
        assertThat(Forms.instant("yesterday")).isEqualTo("yesterday");
        assertThat(Forms.instant("2026-12-31T23:59:59")).isEqualTo("2026-12-31T23:59:59+09:00");
        assertThat(Forms.instant(" ")).isNull();
        assertThat(List.of(Forms.integer("12"), Forms.integer("x"))).containsExactly(12, "x");
    }
}
