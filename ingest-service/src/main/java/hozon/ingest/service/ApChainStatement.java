package hozon.ingest.service;

import hozon.ingest.store.IntervalTable;
import hozon.ingest.store.RouteKeys;
import hozon.ingest.store.RouteWidths;
import java.util.List;

/**
 * The AP look-up's one SQL statement. Plain code without dependencies, so that the look-up
 * benchmark runs exactly this statement directly, next to the service.
 */
public final class ApChainStatement {

    /** What every branch returns of a session, in this order. */
    public static final String SESSION_COLUMNS = "subscriber_id, session_id, nas_id, abbrev(assigned_ip),"
            + " host(public_ip), public_port_start, public_port_end, started_at, ended_at, mobile_user_id, sim_id";

    private ApChainStatement() {
    }

    /**
     * The port block a candidate was reached through, in this order after the session's columns
     * (NULLs for candidates matched on the session alone): evidence never shows a subscriber
     * without the CGN record that led to it.
     */
    public static final String BLOCK_COLUMNS = "host(b.public_ip), b.port_start, b.port_end, b.allocated_at,"
            + " b.released_at, b.device_id";
    private static final String NO_BLOCK = "null::text, null::int, null::int, null::timestamptz, null::timestamptz,"
            + " null::text";

    /** The whole chain on plain PostgreSQL, port blocks included. */
    public static String sql(String ip, Integer port, IntervalTable.Window w, List<Object> params) {
        return sql(ip, port, w, params, true);
    }

    /**
     * The whole AP chain on plain PostgreSQL as one statement, live and preserved records alike:
     * sessions whose assigned address or prefix contains the address; sessions that hold it as
     * their public address (and port range); and, when {@code throughPortBlocks} (the case covers
     * the port-block category), through the port blocks that held (address, port) at the instant,
     * the sessions of the blocks' inside addresses. Each branch is one GiST probe per place
     * {@link IntervalTable} names: the days around the instant, the long intervals, the
     * preservation area. Parameters are added to {@code params} in order. (On Citus the chain
     * runs step by step, each routed to one shard: {@link #byAssignedAddress}.)
     */
    public static String sql(String ip, Integer port, IntervalTable.Window w, List<Object> params,
            boolean throughPortBlocks) {
        StringBuilder sql = new StringBuilder();
        String portRange = port == null ? "" : " and int4range(public_port_start, public_port_end, '[]') @> ?::int";
        String blockPorts = port == null ? "" : " and int4range(port_start, port_end, '[]') @> ?::int";
        StringBuilder blocks = new StringBuilder();
        if (throughPortBlocks) {
            for (IntervalTable b : IntervalTable.BLOCKS) {
                blocks.append(blocks.length() == 0 ? "" : " union all ").append("select inside_ip, public_ip, port_start,")
                        .append(" port_end, allocated_at, released_at, device_id from ").append(b.relation())
                        .append(" where public_ip = ?::inet").append(blockPorts).append(b.alive());
                // The blocks are looked up once, before the sessions of their inside addresses. The three
                // places never hold the same row (IntervalTable), so nothing needs de-duplicating.
                params.add(ip);
                if (port != null) {
                    params.add(port);
                }
                b.bind(params, w);
            }
        }
        for (IntervalTable table : IntervalTable.SESSIONS) {
            append(sql, "select 1 as branch, 'ASSIGNED_ADDRESS' as matched, " + SESSION_COLUMNS + ", " + NO_BLOCK
                    + " from " + table.relation() + " where assigned_ip >>= ?::inet" + table.alive());
            params.add(ip);
            table.bind(params, w);
            append(sql, "select 2, 'SESSION_PORT_RANGE', " + SESSION_COLUMNS + ", " + NO_BLOCK + " from "
                    + table.relation() + " where public_ip = ?::inet" + portRange + table.alive());
            params.add(ip);
            if (port != null) {
                params.add(port);
            }
            table.bind(params, w);
            if (!throughPortBlocks) {
                continue;
            }
            // The block's inside address is the session's address (NAT44) or lies in its delegated
            // prefix (DS-Lite: the AFTR logs the B4's IPv6 address, RFC 6333 §6.6, RFC 6908 §2.3).
            // One index probe per block: "offset 0" keeps the lateral subquery from being flattened
            // into a join the generic plan would drive from the (many) sessions alive then.
            append(sql, "select 3, case when family(b.inside_ip) = 6 then 'DS_LITE' else 'PORT_BLOCK' end, s.*, "
                    + BLOCK_COLUMNS + " from blocks b cross join lateral (select " + SESSION_COLUMNS + " from "
                    + table.relation() + " where assigned_ip >>= b.inside_ip" + table.alive() + " offset 0) s");
            table.bind(params, w);
        }
        String body = sql.append(" order by branch, started_at").toString();
        return throughPortBlocks ? "with blocks as materialized (" + blocks + ") " + body : body;
    }

    /**
     * The sessions whose address or prefix contains {@code address}: equality on the routing key
     * first — its keys bound as constants ({@link RouteKeys}), what a sharded store routes by —
     * then containment. Adds the parameters.
     */
    private static String containing(String address, List<Object> params, RouteWidths widths) {
        List<String> keys = RouteKeys.keys(address, widths);
        params.addAll(keys);
        params.add(address);
        // One placeholder per key: each "?::inet" folds to a constant in a custom plan, which Citus
        // prunes shards by (a text array cast to inet[] would not fold: array_in is only stable).
        return " route_key in (" + String.join(", ", java.util.Collections.nCopies(keys.size(), "?::inet"))
                + ") and assigned_ip >>= ?::inet";
    }

    /**
     * On a sharded store, step 1: the sessions whose assigned address or prefix contains
     * {@code ip}, by routing key (one shard per key), as {@link #sql}'s rows (branch 1).
     */
    public static String byAssignedAddress(String ip, IntervalTable.Window w, List<Object> params, RouteWidths widths) {
        StringBuilder sql = new StringBuilder();
        for (IntervalTable table : IntervalTable.SESSIONS) {
            String keyed = containing(ip, params, widths);
            append(sql, "select 1 as branch, 'ASSIGNED_ADDRESS' as matched, " + SESSION_COLUMNS + ", " + NO_BLOCK
                    + " from " + table.relation() + " where" + keyed + table.alive());
            table.bind(params, w);
        }
        return sql.append(" order by started_at").toString();
    }

    /**
     * On a sharded store (Citus) the chain runs as separate statements, each routed by equality
     * on its table's distribution column: {@link #byAssignedAddress}; {@link #publicPointers} then
     * {@link #sessionByKey}; and this — the port blocks holding (address, port) in the window, by
     * {@code public_ip}; columns: the inside address, then the six {@link #BLOCK_COLUMNS} — then
     * {@link #sessionsThrough} per block.
     * (Citus cannot push down the single statement's lateral join, and the join's key comes from
     * the blocks, so it would reach every shard.)
     */
    public static String blocks(String ip, Integer port, IntervalTable.Window w, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        for (IntervalTable b : IntervalTable.BLOCKS) {
            append(sql, "select host(inside_ip), host(public_ip), port_start, port_end, allocated_at, released_at,"
                    + " device_id from " + b.relation() + " where public_ip = ?::inet"
                    + (port == null ? "" : " and int4range(port_start, port_end, '[]') @> ?::int") + b.alive());
            params.add(ip);
            if (port != null) {
                params.add(port);
            }
            b.bind(params, w);
        }
        return sql.toString();
    }

    /**
     * The sessions of one port block's inside address, in the shape of {@link #sql}'s rows
     * (branch 3, the block's columns bound from {@code block}: public address, port start, port
     * end, allocated, released, device), ordered by start.
     */
    public static String sessionsThrough(String inside, List<Object> block, IntervalTable.Window w, List<Object> params,
            RouteWidths widths) {
        params.add(inside.indexOf(':') >= 0 ? "DS_LITE" : "PORT_BLOCK");
        params.addAll(block);
        StringBuilder union = new StringBuilder();
        for (IntervalTable table : IntervalTable.SESSIONS) {
            String keyed = containing(inside, params, widths);
            append(union, "select " + SESSION_COLUMNS + " from " + table.relation() + " where" + keyed
                    + table.alive());
            table.bind(params, w);
        }
        return "select 3, ?::text, s.*, ?::text, ?::int, ?::int, ?::timestamptz, ?::timestamptz, ?::text from ("
                + union + ") s order by started_at";
    }

    /**
     * The pointers (V16 {@code ap_session_public}) of the sessions that held {@code ip} as their
     * public address (and {@code port} in their range) in the window; columns: the session's key —
     * route key, assigned address, start, NAS, session id. One shard on a sharded store; then
     * {@link #sessionByKey} per pointer. (Plain PostgreSQL asks the sessions directly, in {@link #sql}.)
     */
    public static String publicPointers(String ip, Integer port, IntervalTable.Window w, List<Object> params) {
        params.add(ip);
        if (port != null) {
            params.add(port);
        }
        params.add(w.from().atOffset(java.time.ZoneOffset.UTC));
        params.add(w.to().atOffset(java.time.ZoneOffset.UTC));
        params.add(w.to().atOffset(java.time.ZoneOffset.UTC));
        return "select route_key::text, assigned_ip::text, started_at, nas_id, session_id from ap_session_public"
                + " where public_ip = ?::inet"
                + (port == null ? "" : " and int4range(public_port_start, public_port_end, '[]') @> ?::int")
                + " and tstzrange(started_at, coalesce(ended_at, 'infinity'::timestamptz), '[)') && tstzrange(?, ?, '[]')"
                + " and started_at <= ?";
    }

    /**
     * The session a pointer names, live or preserved, as {@link #sql}'s rows (branch 2,
     * SESSION_PORT_RANGE): equality on its whole key, the routing key first.
     */
    public static String sessionByKey(List<Object> key, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        for (String relation : List.of("ap_session", "ap_session_preserved")) {
            append(sql, "select 2, 'SESSION_PORT_RANGE', " + SESSION_COLUMNS + ", " + NO_BLOCK + " from " + relation
                    + " where route_key = ?::inet and assigned_ip = ?::inet and started_at = ? and nas_id = ?"
                    + " and session_id = ? and public_ip is not null");
            params.addAll(key);
        }
        return sql.toString();
    }

    private static void append(StringBuilder sql, String branch) {
        sql.append(sql.length() == 0 ? "" : " union all ").append('(').append(branch).append(')');
    }
}
