package hozon.ingest.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** One day partition of a record kind's table: events with time in [from, to). */
public record Partition(RecordKind kind, LocalDate day) {

    public String name() {
        return kind.table() + "_p" + day.toString().replace("-", "");
    }

    public Instant from() {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Instant to() {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public static Partition of(RecordKind kind, Instant eventTime) {
        return new Partition(kind, LocalDate.ofInstant(eventTime, ZoneOffset.UTC));
    }

    /** Parses a partition name this class produced; null for anything else. */
    static Partition parse(RecordKind kind, String name) {
        String prefix = kind.table() + "_p";
        if (!name.startsWith(prefix) || name.length() != prefix.length() + 8) {
            return null;
        }
        String d = name.substring(prefix.length());
        try {
            return new Partition(kind, LocalDate.of(Integer.parseInt(d.substring(0, 4)),
                    Integer.parseInt(d.substring(4, 6)), Integer.parseInt(d.substring(6, 8))));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
