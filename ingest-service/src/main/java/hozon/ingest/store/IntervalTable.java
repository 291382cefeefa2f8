package hozon.ingest.store;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Where a look-up finds the AP intervals (sessions, port blocks) alive in a time window, and the
 * condition that says so. Each kind is searched in three places that never overlap: the day
 * partitions from one day before the window ({@link #LONG}: an interval of at most a day alive
 * then started no earlier), the table of longer or still open intervals for everything that
 * started before that (V10, kept by triggers), and the preservation area (held rows of dropped
 * days). Names come only from here, never from input.
 */
public enum IntervalTable {
    SESSIONS_RECENT("ap_session", "started_at", "ended_at", Part.RECENT),
    SESSIONS_LONG("ap_session_long", "started_at", "ended_at", Part.LONG),
    SESSIONS_PRESERVED("ap_session_preserved", "started_at", "ended_at", Part.PRESERVED),
    BLOCKS_RECENT("ap_port_block", "allocated_at", "released_at", Part.RECENT),
    BLOCKS_LONG("ap_port_block_long", "allocated_at", "released_at", Part.LONG),
    BLOCKS_PRESERVED("ap_port_block_preserved", "allocated_at", "released_at", Part.PRESERVED);

    /** Intervals longer than this, or open, are also kept in the {@code _long} tables (V10). */
    public static final Duration LONG = Duration.ofDays(1);

    public static final List<IntervalTable> SESSIONS = List.of(SESSIONS_RECENT, SESSIONS_LONG, SESSIONS_PRESERVED);
    public static final List<IntervalTable> BLOCKS = List.of(BLOCKS_RECENT, BLOCKS_LONG, BLOCKS_PRESERVED);

    private enum Part {
        RECENT, LONG, PRESERVED
    }

    /** The instant's window, start and end inclusive (the clock tolerance around it). */
    public record Window(Instant from, Instant to) {
    }

    private final String relation;
    private final String start;
    private final String end;
    private final Part part;

    IntervalTable(String relation, String start, String end, Part part) {
        this.relation = relation;
        this.start = start;
        this.end = end;
        this.part = part;
    }

    public String relation() {
        return relation;
    }

    /**
     * {@code and ...}: the interval [start, end) (open: no end) overlaps the window, written on
     * the GiST indexes' expression so that one probe answers it; the start is bounded on the
     * partition key so that only the days around the window are probed. Bind with {@link #bind}.
     */
    public String alive() {
        String sql = " and tstzrange(" + start + ", coalesce(" + end + ", 'infinity'::timestamptz), '[)')"
                + " && tstzrange(?, ?, '[]') and " + start + " <= ?";
        return switch (part) {
            case RECENT -> sql + " and " + start + " >= ?";
            case LONG -> sql + " and " + start + " < ?";
            case PRESERVED -> sql;
        };
    }

    /** Adds the parameters of {@link #alive()} in order. */
    public void bind(List<Object> params, Window w) {
        OffsetDateTime from = w.from().atOffset(ZoneOffset.UTC);
        OffsetDateTime to = w.to().atOffset(ZoneOffset.UTC);
        params.add(from);
        params.add(to);
        params.add(to);
        if (part != Part.PRESERVED) {
            params.add(w.from().minus(LONG).atOffset(ZoneOffset.UTC));
        }
    }
}
