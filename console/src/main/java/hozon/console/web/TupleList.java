package hozon.console.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A disclosure order's list as a person pastes or uploads it: one tuple per line,
 * {@code address,port,instant} (port may be empty; the instant with its offset, or a JST wall-clock
 * time such as {@code 2026-12-01 10:00:00}); a header line and blank lines are skipped.
 */
record TupleList(List<Map<String, Object>> tuples, String canonical, String error) {

    static TupleList parse(String text, int max) {
        List<Map<String, Object>> tuples = new ArrayList<>();
        StringBuilder canonical = new StringBuilder();
        int lineNo = 0;
        for (String raw : text.replace("\r", "").split("\n")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.toLowerCase().startsWith("ip,") || line.toLowerCase().startsWith("address,")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 3) {
                return new TupleList(List.of(), "", "line " + lineNo + ": expected address,port,instant");
            }
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("ip", f[0].strip());
            t.put("port", Forms.integer(f[1]));
            t.put("instant", Forms.instant(f[2]));
            tuples.add(t);
            canonical.append(f[0].strip()).append(',').append(f[1].strip()).append(',').append(f[2].strip()).append('\n');
            if (tuples.size() > max) {
                return new TupleList(List.of(), "", "more than " + max + " tuples");
            }
        }
        if (tuples.isEmpty()) {
            return new TupleList(List.of(), "", "no tuples");
        }
        return new TupleList(tuples, canonical.toString(), null);
    }
}
