package hozon.ingest.store;

/**
 * The pointer tables of V16 (issue #22): a row asked for by a column that is not its table's
 * distribution column has a pointer, sharded by that column, holding the row's full key. A
 * pointer lives exactly as long as its row: written in the row's transaction ({@link LogStore}),
 * deleted in the statement that deletes the row, and with a dropped day unless the row was just
 * preserved ({@link PartitionPurger}). Names come only from here, never from input.
 */
enum RoutingIndex {
    /** Sessions by the public address (and port range) they were given. */
    SESSIONS_BY_PUBLIC_ADDRESS(RecordKind.AP_SESSION, "ap_session_public", "public_ip",
            new String[] {"public_ip", "started_at", "route_key", "assigned_ip", "nas_id", "session_id"}),
    /** Posts by their id. */
    POSTS_BY_ID(RecordKind.CP_POST, "cp_post_ref", "event_id",
            new String[] {"event_id", "occurred_at", "account_bidx"});

    private final RecordKind kind;
    private final String table;
    private final String askedBy;
    private final String[] key;

    RoutingIndex(RecordKind kind, String table, String askedBy, String[] key) {
        this.kind = kind;
        this.table = table;
        this.askedBy = askedBy;
        this.key = key;
    }

    /** The pointer table of a kind's rows, or null. */
    static RoutingIndex of(RecordKind kind) {
        for (RoutingIndex i : values()) {
            if (i.kind == kind) {
                return i;
            }
        }
        return null;
    }

    String table() {
        return table;
    }

    /** What a {@code delete … returning} adds so that {@link #unindexing()} can find the pointers: k0, k1, … */
    String returning() {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < key.length; i++) {
            sql.append(", ").append(key[i]).append(" as k").append(i);
        }
        return sql.toString();
    }

    /** A data-modifying CTE deleting the pointers of the rows the CTE {@code changed} deleted. */
    String unindexing() {
        StringBuilder match = new StringBuilder("c.k0 is not null");
        for (int i = 0; i < key.length; i++) {
            match.append(" and x.").append(key[i]).append(" = c.k").append(i);
        }
        return "unindexed as (delete from " + table + " x using changed c where " + match + ")";
    }

    /**
     * Deletes the pointers of a dropped day's rows ({@code [from, to)} on the kind's time
     * column) but those of rows the drop preserved (now in the preservation area). Bind from,
     * to, from, to.
     */
    String droppingDay() {
        String t = kind.timeColumn();
        String cols = String.join(", ", key);
        // NOT IN over an uncorrelated subquery (Citus plans it on its own; a correlated NOT EXISTS
        // across two distributions it cannot), its NULLs excluded: one NULL would make every
        // NOT IN unknown and keep every pointer of the day.
        return "delete from " + table + " where " + t + " >= ? and " + t + " < ? and (" + cols + ") not in (select "
                + cols + " from " + kind.preservedTable() + " where " + t + " >= ? and " + t + " < ? and " + askedBy
                + " is not null)";
    }
}
