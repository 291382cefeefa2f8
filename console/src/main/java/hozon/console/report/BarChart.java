package hozon.console.report;

import java.util.List;

/** A bar chart as inline SVG, rendered on the server (no script, allowed by the strict CSP). */
public final class BarChart {

    public record Bar(String label, long value) {
    }

    private BarChart() {
    }

    public static String svg(List<Bar> bars, String title) {
        int rowHeight = 24;
        int labelWidth = 220;
        int barWidth = 360;
        int height = Math.max(1, bars.size()) * rowHeight + 30;
        long max = bars.stream().mapToLong(Bar::value).max().orElse(0);
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart\" width=\"")
                .append(labelWidth + barWidth + 80).append("\" height=\"").append(height)
                .append("\" aria-label=\"").append(esc(title)).append("\"><title>").append(esc(title)).append("</title>");
        if (bars.isEmpty()) {
            s.append("<text x=\"0\" y=\"20\" class=\"chart-empty\">—</text>");
        }
        int y = 8;
        for (Bar b : bars) {
            long w = max == 0 ? 0 : Math.max(1, b.value() * barWidth / max);
            s.append("<text x=\"0\" y=\"").append(y + 15).append("\" class=\"chart-label\">").append(esc(b.label()))
                    .append("</text><rect x=\"").append(labelWidth).append("\" y=\"").append(y + 3).append("\" width=\"")
                    .append(w).append("\" height=\"16\" class=\"chart-bar\"/><text x=\"").append(labelWidth + w + 6)
                    .append("\" y=\"").append(y + 15).append("\" class=\"chart-value\">").append(b.value()).append("</text>");
            y += rowHeight;
        }
        return s.append("</svg>").toString();
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
