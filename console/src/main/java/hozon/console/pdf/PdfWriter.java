package hozon.console.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A plain A4 document of headings, lines and tables in one TrueType font, embedded as a subset so
 * the Japanese text prints and extracts anywhere. Text wraps at the page width; pages break by
 * themselves. Not thread-safe: one per document.
 */
final class PdfWriter implements AutoCloseable {

    private static final float MARGIN = 50;
    private static final float BODY = 10;

    private final PDDocument doc = new PDDocument();
    private final PDType0Font font;
    private PDPageContentStream out;
    private float y;
    private int pages;

    PdfWriter(Path fontFile, String title, String author) {
        try {
            font = PDType0Font.load(doc, fontFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("font " + fontFile + " unreadable", e);
        }
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(title);
        info.setAuthor(author);
        info.setCreator("hozon console");
        newPage();
    }

    private float width() {
        return PDRectangle.A4.getWidth() - 2 * MARGIN;
    }

    private void newPage() {
        try {
            if (out != null) {
                out.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            out = new PDPageContentStream(doc, page);
            pages++;
            y = PDRectangle.A4.getHeight() - MARGIN;
            out.beginText();
            out.setFont(font, 8);
            out.newLineAtOffset(PDRectangle.A4.getWidth() - MARGIN - 30, MARGIN / 2);
            out.showText(pages + "");
            out.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void title(String text) {
        write(text, 16, 0);
        space(6);
    }

    void heading(String text) {
        space(6);
        write(text, 12, 0);
        rule();
    }

    void line(String text) {
        write(text, BODY, 0);
    }

    void indented(String text) {
        write(text, BODY, 14);
    }

    /** A label and its value on one line ("label: value"), the value wrapped under itself. */
    void field(String label, Object value) {
        write(label + "： " + (value == null || value.toString().isEmpty() ? "—" : value), BODY, 0);
    }

    void space(float points) {
        y -= points;
    }

    /** A table: one header row, then rows; columns share the width in the given proportions. */
    void table(float[] weights, List<String> header, List<List<String>> rows) {
        float total = 0;
        for (float w : weights) {
            total += w;
        }
        float[] widths = new float[weights.length];
        for (int i = 0; i < weights.length; i++) {
            widths[i] = width() * weights[i] / total;
        }
        row(widths, header, true);
        for (List<String> r : rows) {
            row(widths, r, false);
        }
        space(4);
    }

    private void row(float[] widths, List<String> cells, boolean header) {
        float size = header ? 9 : 9;
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < widths.length; i++) {
            List<String> w = wrap(i < cells.size() && cells.get(i) != null ? cells.get(i) : "", size, widths[i] - 4);
            wrapped.add(w);
            lines = Math.max(lines, w.size());
        }
        float height = lines * (size + 3) + 4;
        if (y - height < MARGIN) {
            newPage();
        }
        try {
            float x = MARGIN;
            for (int i = 0; i < widths.length; i++) {
                float ty = y - size - 2;
                for (String l : wrapped.get(i)) {
                    out.beginText();
                    out.setFont(font, size);
                    out.newLineAtOffset(x + 2, ty);
                    out.showText(l);
                    out.endText();
                    ty -= size + 3;
                }
                x += widths[i];
            }
            y -= height;
            out.setLineWidth(header ? 0.8f : 0.3f);
            out.moveTo(MARGIN, y + 1);
            out.lineTo(MARGIN + width(), y + 1);
            out.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void rule() {
        try {
            out.setLineWidth(0.5f);
            out.moveTo(MARGIN, y + 2);
            out.lineTo(MARGIN + width(), y + 2);
            out.stroke();
            space(4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String text, float size, float indent) {
        for (String l : wrap(text == null ? "" : text, size, width() - indent)) {
            if (y - size - 4 < MARGIN) {
                newPage();
            }
            y -= size + 4;
            try {
                out.beginText();
                out.setFont(font, size);
                out.newLineAtOffset(MARGIN + indent, y);
                out.showText(l);
                out.endText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Breaks text into lines that fit; Japanese has no spaces, so it breaks between any two characters. */
    private List<String> wrap(String text, float size, float max) {
        List<String> lines = new ArrayList<>();
        for (String para : clean(text).split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            int i = 0;
            while (i < para.length()) {
                int cp = para.codePointAt(i);
                String ch = new String(Character.toChars(cp));
                if (width(line + ch, size) > max && line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(ch);
                i += Character.charCount(cp);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private float width(String s, float size) {
        try {
            return font.getStringWidth(s) / 1000 * size;
        } catch (IOException | IllegalArgumentException e) {
            return s.length() * size;
        }
    }

    /** Characters the font cannot draw (controls, glyphs it lacks) become '?', never an exception. */
    private String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == '\n') {
                b.append('\n');
                return;
            }
            if (Character.isISOControl(cp)) {
                b.append(' ');
                return;
            }
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                b.append(ch);
            } catch (IOException | IllegalArgumentException noGlyph) {
                b.append('?');
            }
        });
        return b.toString();
    }

    byte[] finish() {
        try {
            out.close();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            doc.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
