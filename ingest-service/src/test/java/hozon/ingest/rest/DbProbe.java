package hozon.ingest.rest;

import hozon.ingest.store.IdentityCodec;
import hozon.ingest.store.LogStore;
import hozon.ingest.store.RecordKind;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the store directly, so tests can assert what really is (or is not) in PostgreSQL. */
public final class DbProbe {

    private DbProbe() {
    }

    private static final Pattern TABLE = Pattern.compile("from ingest\\.(\\w+)");

    /**
     * A count, where {@code subscriber_id = ?} and {@code account_id = ?} take the plain value and
     * compare its blind indexes (identities are stored encrypted, issue #11).
     */
    public static long count(AgroalDataSource ds, String sql, Object... params) {
        Matcher m = TABLE.matcher(sql);
        RecordKind kind = m.find() ? kindOf(m.group(1)) : null;
        List<Object> bound = new ArrayList<>(List.of(params));
        StringBuilder out = new StringBuilder();
        int param = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '?') {
                param++;
            }
            out.append(ch);
            for (String[] id : new String[][] {{"subscriber_id = ?", "subscriber_bidx", "SUBSCRIBER"},
                    {"account_id = ?", "account_bidx", "ACCOUNT"}}) {
                if (sql.startsWith(id[0], i - id[0].length() + 1) && ch == '?') {
                    out.setLength(out.length() - id[0].length());
                    // A preserved row is found by the index under its hold's key too.
                    out.append("array[").append(id[1]).append(", hold_bidx] && array(select decode(x, 'hex') from"
                            + " unnest(?::text[]) x)");
                    bound.set(param - 1, indexes(IdentityCodec.IdentityField.valueOf(id[2]), kind,
                            (String) bound.get(param - 1)));
                }
            }
        }
        return ((Number) value(ds, out.toString(), bound.toArray())).longValue();
    }

    /** The AP session rows of a subscriber, identity columns decrypted. */
    public static List<Map<String, String>> sessions(AgroalDataSource ds, String subscriber) {
        String sql = "select subscriber_id, calling_station_id, mobile_user_id, sim_id, nas_id, session_id, started_at,"
                + " end_cause from ingest.ap_session where subscriber_bidx = any(array(select decode(x, 'hex') from"
                + " unnest(?::text[]) x)) order by assigned_ip";
        List<Map<String, String>> out = new ArrayList<>();
        IdentityCodec codec = codec();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, indexes(IdentityCodec.IdentityField.SUBSCRIBER, RecordKind.AP_SESSION, subscriber));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String record = LogStore.sessionRecord(rs.getString(5), rs.getString(6),
                            rs.getObject(7, OffsetDateTime.class).toInstant());
                    Map<String, String> row = new HashMap<>();
                    row.put("subscriber_id", codec.decrypt(IdentityCodec.IdentityField.SUBSCRIBER, record, rs.getString(1)));
                    row.put("calling_station_id", codec.decrypt(IdentityCodec.IdentityField.CALLING_STATION, record,
                            rs.getString(2)));
                    row.put("mobile_user_id", codec.decrypt(IdentityCodec.IdentityField.MOBILE_USER, record, rs.getString(3)));
                    row.put("sim_id", codec.decrypt(IdentityCodec.IdentityField.SIM, record, rs.getString(4)));
                    row.put("end_cause", rs.getString(8));
                    row.put("stored_subscriber_id", rs.getString(1));
                    out.add(row);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The CP event rows of an account in {@code kind}'s table, identity columns decrypted. */
    public static List<Map<String, String>> cpEvents(AgroalDataSource ds, RecordKind kind, String account) {
        String sql = "select account_id, sms_phone, user_code, event_id, occurred_at from ingest." + kind.table()
                + " where account_bidx = any(array(select decode(x, 'hex') from unnest(?::text[]) x))";
        List<Map<String, String>> out = new ArrayList<>();
        IdentityCodec codec = codec();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, indexes(IdentityCodec.IdentityField.ACCOUNT, kind, account));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String record = LogStore.cpRecord(kind, rs.getString(4), rs.getObject(5, OffsetDateTime.class).toInstant());
                    Map<String, String> row = new HashMap<>();
                    row.put("account_id", codec.decrypt(IdentityCodec.IdentityField.ACCOUNT, record, rs.getString(1)));
                    row.put("sms_phone", codec.decrypt(IdentityCodec.IdentityField.PHONE, record, rs.getString(2)));
                    row.put("user_code", codec.decrypt(IdentityCodec.IdentityField.USER_CODE, record, rs.getString(3)));
                    row.put("stored_account_id", rs.getString(1));
                    out.add(row);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static String[] indexes(IdentityCodec.IdentityField field, RecordKind kind, String value) {
        if (kind == null) {
            throw new IllegalArgumentException("no log table named in the probe");
        }
        return codec().blindIndexes(field, kind.category(), Instant.EPOCH, Instant.parse("2200-01-01T00:00:00Z"), value)
                .toArray(String[]::new);
    }

    private static RecordKind kindOf(String table) {
        String base = table.replaceAll("_preserved$|_long$|_p\\d{8}$", "");
        for (RecordKind k : RecordKind.values()) {
            if (k.table().equals(base)) {
                return k;
            }
        }
        return null;
    }

    private static IdentityCodec codec() {
        return Arc.container().instance(IdentityCodec.class).get();
    }

    /** The first column of the first row as text (null if SQL null). */
    public static String string(AgroalDataSource ds, String sql, Object... params) {
        Object v = value(ds, sql, params);
        return v == null ? null : v.toString();
    }

    private static Object value(AgroalDataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
