package hozon.ingest.feed;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines ({@code \n}, an optional {@code \r} before it dropped) in one
 * reused buffer: memory is bounded by the longest allowed line, whatever the stream's size. A
 * longer line is skipped without being buffered and reported as too long.
 */
final class LineReader {

    private final InputStream in;
    private final int maxLine;
    private final byte[] buf;
    private int start;
    private int end;
    private boolean eof;

    private int lineOff;
    private int lineLen;
    private boolean tooLong;

    LineReader(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
        this.buf = new byte[Math.max(1 << 16, maxLine + 2)];
    }

    /** Advances to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        tooLong = false;
        int scanFrom = start;
        while (true) {
            for (int i = scanFrom; i < end; i++) {
                if (buf[i] == '\n') {
                    lineOff = start;
                    lineLen = i - start;
                    if (lineLen > 0 && buf[i - 1] == '\r') {
                        lineLen--;
                    }
                    start = i + 1;
                    if (lineLen > maxLine) {
                        tooLong = true;
                    }
                    return true;
                }
            }
            // A line of maxLine bytes may still be followed by "\r" before its "\n".
            if (end - start > maxLine + 1) {
                skipRestOfLine();
                return true;
            }
            if (eof) {
                if (start < end) {
                    lineOff = start;
                    lineLen = end - start;
                    start = end;
                    tooLong = lineLen > maxLine;
                    return true;
                }
                return false;
            }
            int kept = end - start;
            System.arraycopy(buf, start, buf, 0, kept);
            start = 0;
            end = kept;
            scanFrom = kept;
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }
    }

    private void skipRestOfLine() throws IOException {
        tooLong = true;
        lineLen = 0;
        start = end;
        while (true) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
                start = end = 0;
                return;
            }
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    start = i + 1;
                    end = n;
                    return;
                }
            }
        }
    }

    byte[] buffer() {
        return buf;
    }

    int offset() {
        return lineOff;
    }

    int length() {
        return lineLen;
    }

    boolean tooLong() {
        return tooLong;
    }

    boolean blank() {
        for (int i = lineOff; i < lineOff + lineLen; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
