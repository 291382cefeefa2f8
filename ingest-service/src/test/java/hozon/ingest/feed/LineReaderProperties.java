package hozon.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** NDJSON line splitting in a bounded buffer, whatever sizes the network delivers the bytes in. */
class LineReaderProperties {

    @Property(tries = 300)
    void linesComeBackAsWrittenWhateverTheReadSizes(
            @ForAll @Size(max = 40) List<@StringLength(max = 300) String> raw,
            @ForAll @IntRange(min = 1, max = 700) int chunk, @ForAll boolean crlf, @ForAll boolean finalNewline)
            throws IOException {
        List<String> lines = raw.stream().map(s -> s.replace("\n", "").replace("\r", "")).toList();
        String text = String.join(crlf ? "\r\n" : "\n", lines) + (finalNewline && !lines.isEmpty() ? "\n" : "");
        LineReader r = new LineReader(trickle(text.getBytes(StandardCharsets.UTF_8), chunk), 256);
        List<String> got = new ArrayList<>();
        List<Boolean> tooLong = new ArrayList<>();
        while (r.next()) {
            got.add(new String(r.buffer(), r.offset(), r.length(), StandardCharsets.UTF_8));
            tooLong.add(r.tooLong());
        }
        List<String> expected = new ArrayList<>(lines);
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty() && !finalNewline) {
            expected.remove(expected.size() - 1);
        }
        assertThat(got).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            boolean over = expected.get(i).getBytes(StandardCharsets.UTF_8).length > 256;
            assertThat(tooLong.get(i)).as("line %d too long", i).isEqualTo(over);
            if (!over) {
                assertThat(got.get(i)).isEqualTo(expected.get(i));
            }
        }
    }

    /** A stream that hands out at most {@code chunk} bytes per read, as a slow network would. */
    private static InputStream trickle(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }
}
