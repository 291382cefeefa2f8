package hozon.ingest.store;

import java.util.Arrays;
import java.util.Optional;

/**
 * The record kinds of the log store: one partitioned table each, bound to the policy
 * category whose rule decides its retention. Table and column names come only from here,
 * never from input, so they may be spliced into SQL.
 */
public enum RecordKind {
    AP_SESSION("ap.connection-auth", "ap_session", "started_at"),
    AP_PORT_BLOCK("ap.nat-port-block", "ap_port_block", "allocated_at"),
    CP_ACCOUNT("cp.account", "cp_account_event", "occurred_at"),
    CP_LOGIN("cp.login", "cp_login_event", "occurred_at"),
    CP_POST("cp.post", "cp_post", "occurred_at");

    private final String category;
    private final String table;
    private final String timeColumn;

    RecordKind(String category, String table, String timeColumn) {
        this.category = category;
        this.table = table;
        this.timeColumn = timeColumn;
    }

    public String category() {
        return category;
    }

    public String table() {
        return table;
    }

    /** Where rows a hold protects wait once their day's partition is dropped. */
    public String preservedTable() {
        return table + "_preserved";
    }

    /**
     * The unpartitioned table that also holds this kind's open or longer-than-a-day intervals
     * for look-ups (V10, {@link IntervalTable}), or null for kinds without intervals.
     */
    public String longTable() {
        return this == AP_SESSION || this == AP_PORT_BLOCK ? table + "_long" : null;
    }

    /** The event time claimed by the source; the partition key. */
    public String timeColumn() {
        return timeColumn;
    }

    public static Optional<RecordKind> ofCategory(String category) {
        return Arrays.stream(values()).filter(k -> k.category.equals(category)).findFirst();
    }
}
