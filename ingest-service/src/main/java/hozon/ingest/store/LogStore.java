package hozon.ingest.store;

import hozon.ingest.domain.ApSessionRecord;
import hozon.ingest.domain.CpEventRecord;
import hozon.ingest.store.IdentityCodec.IdentityField;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Writes validated records. Each call is one transaction: the caller acknowledges only after
 * it returns, i.e. after commit. Rows go in as one {@code INSERT … SELECT FROM unnest(…)}
 * per table, so a batch is one round trip, and {@code ON CONFLICT DO NOTHING} makes a
 * retransmitted record a duplicate rather than a second row. The same statement adds the rows
 * it really inserted to the hourly stored volumes.
 */
@ApplicationScoped
public class LogStore {

    private static final String INSERT_SESSIONS = "insert into ap_session (assigned_ip, started_at, nas_id, session_id,"
            + " subscriber_id, public_ip, public_port_start, public_port_end, ended_at, mobile_user_id, sim_id,"
            + " subscriber_bidx, received_at, route_key)"
            // One row per key even if the batch repeats a record (an upsert may touch a row once):
            // the copy that carries an end wins.
            + " select distinct on (a::inet, s::timestamptz, n, sid) a::inet, s::timestamptz, n, sid, sub, p::inet, ps, pe,"
            + " e::timestamptz, mu, sim, decode(bi, 'hex'), ?::timestamptz, route_key(a::inet)"
            + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[]) as t(a, s, n, sid, sub, p, ps, pe, e, mu, sim, bi)"
            + " order by a::inet, s::timestamptz, n, sid, e nulls last"
            // A session first sent open and later with its end gets the end; a record without an
            // end, or a different end, never reopens or changes a closed session.
            + " on conflict (route_key, assigned_ip, started_at, nas_id, session_id) do update set ended_at = excluded.ended_at"
            + " where ap_session.ended_at is null and excluded.ended_at is not null"
            // Updated rows keep the received_at of their first arrival (xmax is not readable on a
            // partitioned table's RETURNING).
            + " returning started_at, (received_at = ?) as inserted";

    private static final String INSERT_CP = "insert into %s (account_id, occurred_at, event_id, event_type, ip,"
            + " source_port, destination_ip, destination_port, sms_phone, user_code, account_bidx, received_at)"
            + " select acc, t::timestamptz, eid, et, ip::inet, sp, dip::inet, dp, tel, uc, decode(bi, 'hex'), ?"
            + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::int[],"
            + " ?::text[], ?::text[], ?::text[]) as x(acc, t, eid, et, ip, sp, dip, dp, tel, uc, bi)"
            + " on conflict do nothing returning occurred_at";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IdentityCodec codec;

    /** @return rows new, open rows whose end was recorded; the rest were duplicates */
    @Transactional(Transactional.TxType.MANDATORY)
    public Written insertSessions(List<ApSessionRecord> records, Instant receivedAt) throws SQLException {
        int n = records.size();
        String[] addr = new String[n];
        String[] start = new String[n];
        String[] nas = new String[n];
        String[] sid = new String[n];
        String[] sub = new String[n];
        String[] pub = new String[n];
        Integer[] ps = new Integer[n];
        Integer[] pe = new Integer[n];
        String[] end = new String[n];
        String[] mobile = new String[n];
        String[] sim = new String[n];
        String[] bidx = new String[n];
        String category = RecordKind.AP_SESSION.category();
        for (int i = 0; i < n; i++) {
            ApSessionRecord r = records.get(i);
            Instant at = micros(r.start().toInstant());
            addr[i] = r.assignedAddress();
            start[i] = at.toString();
            nas[i] = r.nasId() == null ? "" : r.nasId();
            sid[i] = r.sessionId();
            String record = sessionRecord(nas[i], sid[i], at);
            sub[i] = codec.encrypt(IdentityField.SUBSCRIBER, category, at, record, r.subscriberId());
            bidx[i] = codec.blindIndex(IdentityField.SUBSCRIBER, category, at, r.subscriberId());
            pub[i] = r.publicIp();
            ps[i] = r.publicPortStart();
            pe[i] = r.publicPortEnd();
            end[i] = instant(r.end());
            mobile[i] = codec.encrypt(IdentityField.MOBILE_USER, category, at, record, r.mobileUserId());
            sim[i] = codec.encrypt(IdentityField.SIM, category, at, record, r.simId());
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                Volumes.upsertTrackingStatement(INSERT_SESSIONS, "started_at"))) {
            noteRouteWidths(c, addr);
            st.setObject(1, receivedAt.atOffset(java.time.ZoneOffset.UTC));
            st.setArray(2, c.createArrayOf("text", addr));
            st.setArray(3, c.createArrayOf("text", start));
            st.setArray(4, c.createArrayOf("text", nas));
            st.setArray(5, c.createArrayOf("text", sid));
            st.setArray(6, c.createArrayOf("text", sub));
            st.setArray(7, c.createArrayOf("text", pub));
            st.setArray(8, c.createArrayOf("int4", ps));
            st.setArray(9, c.createArrayOf("int4", pe));
            st.setArray(10, c.createArrayOf("text", end));
            st.setArray(11, c.createArrayOf("text", mobile));
            st.setArray(12, c.createArrayOf("text", sim));
            st.setArray(13, c.createArrayOf("text", bidx));
            st.setObject(14, receivedAt.atOffset(java.time.ZoneOffset.UTC));
            st.setString(15, RecordKind.AP_SESSION.category());
            Written written;
            try (var rs = st.executeQuery()) {
                List<Volumes.Hour> hours = Volumes.read(rs);
                long updated = hours.stream().filter(h -> h.hour() == null).mapToLong(Volumes.Hour::records).sum();
                written = new Written((int) (Volumes.total(hours) - updated), (int) updated);
            }
            if (java.util.Arrays.stream(pub).anyMatch(java.util.Objects::nonNull)) {
                pointSessions(c, addr, start, nas, sid, pub);
            }
            return written;
        }
    }

    /**
     * The V16 pointers of the batch's sessions that carry a public address, from the rows as
     * stored (a retransmit never changes a stored row's address, so the pointer mirrors the row,
     * its end included).
     */
    private static void pointSessions(Connection c, String[] addr, String[] start, String[] nas, String[] sid,
            String[] pub) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("insert into ap_session_public (public_ip, public_port_start,"
                + " public_port_end, started_at, ended_at, route_key, assigned_ip, nas_id, session_id)"
                + " select s.public_ip, s.public_port_start, s.public_port_end, s.started_at, s.ended_at, s.route_key,"
                + " s.assigned_ip, s.nas_id, s.session_id from ap_session s where s.public_ip is not null"
                + " and (s.route_key, s.assigned_ip, s.started_at, s.nas_id, s.session_id) in (select route_key(a::inet),"
                + " a::inet, t::timestamptz, n, i from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " as k(a, t, n, i, p) where p is not null)"
                + " on conflict (public_ip, started_at, route_key, assigned_ip, nas_id, session_id)"
                + " do update set ended_at = excluded.ended_at")) {
            st.setArray(1, c.createArrayOf("text", addr));
            st.setArray(2, c.createArrayOf("text", start));
            st.setArray(3, c.createArrayOf("text", nas));
            st.setArray(4, c.createArrayOf("text", sid));
            st.setArray(5, c.createArrayOf("text", pub));
            st.executeUpdate();
        }
    }

    /** Inserts CP events, each into its kind's table, in one transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int insertCpEvents(Map<RecordKind, List<CpEventRecord>> byKind, Instant receivedAt) throws SQLException {
        int stored = 0;
        try (Connection c = dataSource.getConnection()) {
            for (Map.Entry<RecordKind, List<CpEventRecord>> e : byKind.entrySet()) {
                List<CpEventRecord> records = e.getValue();
                int n = records.size();
                String[] acc = new String[n];
                String[] time = new String[n];
                String[] eid = new String[n];
                String[] type = new String[n];
                String[] ip = new String[n];
                Integer[] port = new Integer[n];
                String[] dip = new String[n];
                Integer[] dport = new Integer[n];
                String[] phone = new String[n];
                String[] userCode = new String[n];
                String[] bidx = new String[n];
                RecordKind kind = e.getKey();
                for (int i = 0; i < n; i++) {
                    CpEventRecord r = records.get(i);
                    Instant at = micros(r.occurredAt().toInstant());
                    String record = cpRecord(kind, r.eventId(), at);
                    acc[i] = codec.encrypt(IdentityField.ACCOUNT, kind.category(), at, record, r.accountId());
                    bidx[i] = codec.blindIndex(IdentityField.ACCOUNT, kind.category(), at, r.accountId());
                    time[i] = at.toString();
                    eid[i] = r.eventId();
                    type[i] = r.kind().name();
                    ip[i] = r.ip();
                    port[i] = r.sourcePort();
                    dip[i] = r.destinationIp();
                    dport[i] = r.destinationPort();
                    phone[i] = codec.encrypt(IdentityField.PHONE, kind.category(), at, record, r.smsVerifiedPhone());
                    userCode[i] = codec.encrypt(IdentityField.USER_CODE, kind.category(), at, record,
                            r.userManagementCode());
                }
                try (PreparedStatement st = c.prepareStatement(
                        Volumes.trackingStatement(String.format(INSERT_CP, e.getKey().table()), "occurred_at", 1))) {
                    st.setObject(1, receivedAt.atOffset(java.time.ZoneOffset.UTC));
                    st.setArray(2, c.createArrayOf("text", acc));
                    st.setArray(3, c.createArrayOf("text", time));
                    st.setArray(4, c.createArrayOf("text", eid));
                    st.setArray(5, c.createArrayOf("text", type));
                    st.setArray(6, c.createArrayOf("text", ip));
                    st.setArray(7, c.createArrayOf("int4", port));
                    st.setArray(8, c.createArrayOf("text", dip));
                    st.setArray(9, c.createArrayOf("int4", dport));
                    st.setArray(10, c.createArrayOf("text", phone));
                    st.setArray(11, c.createArrayOf("text", userCode));
                    st.setArray(12, c.createArrayOf("text", bidx));
                    st.setString(13, e.getKey().category());
                    try (var rs = st.executeQuery()) {
                        stored += (int) Volumes.total(Volumes.read(rs));
                    }
                }
                if (kind == RecordKind.CP_POST) {
                    // The V16 pointers: post id → the post's key (stored now or before: same key).
                    try (PreparedStatement st = c.prepareStatement("insert into cp_post_ref (event_id, occurred_at,"
                            + " account_bidx) select eid, t::timestamptz, decode(bi, 'hex') from unnest(?::text[],"
                            + " ?::text[], ?::text[]) as x(eid, t, bi) on conflict do nothing")) {
                        st.setArray(1, c.createArrayOf("text", eid));
                        st.setArray(2, c.createArrayOf("text", time));
                        st.setArray(3, c.createArrayOf("text", bidx));
                        st.executeUpdate();
                    }
                }
            }
        }
        return stored;
    }

    /**
     * One address of a RADIUS session, opened (no end yet), on the caller's connection and
     * transaction. The stored volumes are the caller's to count, once per transaction, with
     * {@link #countStored} (a group commit would otherwise update the same counter row once per
     * packet).
     *
     * @return 1 if stored, 0 if that row already existed
     */
    public static int insertRadiusSession(Connection c, String address, Instant start, String nas, String sessionId,
            String subscriber, String subscriberIndex, String callingStationId, String multiSessionId,
            String mobileUserId, String simId, Instant receivedAt) throws SQLException {
        noteRouteWidths(c, new String[] {address});
        try (PreparedStatement st = c.prepareStatement("insert into ap_session (assigned_ip,"
                + " started_at, nas_id, session_id, subscriber_id, calling_station_id, multi_session_id, mobile_user_id,"
                + " sim_id, subscriber_bidx, received_at, route_key) values (?::inet, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " decode(?, 'hex'), ?, route_key(?::inet))"
                + " on conflict do nothing returning started_at")) {
            st.setString(1, address);
            st.setObject(2, start.atOffset(java.time.ZoneOffset.UTC));
            st.setString(3, nas);
            st.setString(4, sessionId);
            st.setString(5, subscriber);
            st.setString(6, callingStationId);
            st.setString(7, multiSessionId);
            st.setString(8, mobileUserId);
            st.setString(9, simId);
            st.setString(10, subscriberIndex);
            st.setObject(11, receivedAt.atOffset(java.time.ZoneOffset.UTC));
            st.setString(12, address);
            try (var rs = st.executeQuery()) {
                return rs.next() ? 1 : 0;
            }
        }
    }

    /** Adds rows of {@code kind} stored in the caller's transaction, by their times, to the hourly stored volumes. */
    public static void countStored(Connection c, RecordKind kind, List<Instant> times) throws SQLException {
        Volumes.addStored(c, kind.category(), times);
    }

    /**
     * Records the prefix lengths wider than the routing key's (V15) among {@code addresses}, in the
     * writing transaction: a look-up then also asks the keys at those lengths. Only addresses
     * written as prefixes can be wider, so batches of plain addresses skip the statement.
     */
    static void noteRouteWidths(Connection c, String[] addresses) throws SQLException {
        boolean prefixes = false;
        for (String a : addresses) {
            prefixes |= a != null && a.indexOf('/') >= 0;
        }
        if (!prefixes) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement("insert into route_width (family, len) select distinct"
                + " family(a), masklen(a) from unnest(?::inet[]) a where masklen(a) < route_length(family(a))"
                + " on conflict do nothing")) {
            st.setArray(1, c.createArrayOf("text", addresses));
            st.executeUpdate();
        }
    }

    /**
     * An event time as PostgreSQL keeps it (microseconds): the stored time and the record id a
     * ciphertext is bound to must be the same instant.
     */
    public static Instant micros(Instant t) {
        return t.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** The record id of an AP session row (its key in clear but the address, one per packet's addresses). */
    public static String sessionRecord(String nas, String sessionId, Instant start) {
        return IdentityCodec.recordId(RecordKind.AP_SESSION.table(), nas, sessionId, epochMicros(start));
    }

    /** The record id of a CP event row. */
    public static String cpRecord(RecordKind kind, String eventId, Instant occurredAt) {
        return IdentityCodec.recordId(kind.table(), eventId, epochMicros(occurredAt));
    }

    private static long epochMicros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    private static String instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
