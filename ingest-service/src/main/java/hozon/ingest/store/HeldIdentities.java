package hozon.ingest.store;

import hozon.ingest.store.IdentityCodec.IdentityField;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Re-encrypts the identities of records a hold moves into the preservation area under the
 * hold's own key (issue #11): decrypted with their day key, encrypted again with the same record
 * and field bound, and given a blind index under the hold's key ({@code hold_bidx}). The day
 * key can then be destroyed with its day; the hold key is destroyed once the hold has ended and
 * its records are gone.
 */
@ApplicationScoped
public class HeldIdentities {

    /** Where a kind keeps its identities: the key columns and the encrypted ones. */
    public record Shape(List<String> keyColumns, Map<String, IdentityField> encrypted, IdentityField indexed) {

        /** The column every row's key id can be read from (all of a row's fields share one key). */
        public String keyColumn() {
            return encrypted.keySet().iterator().next();
        }

        String returning() {
            return String.join(", ", keyColumns) + ", " + String.join(", ", encrypted.keySet());
        }
    }

    private static final Shape SESSION = new Shape(List.of("abbrev(assigned_ip)", "started_at", "nas_id", "session_id"),
            ordered("subscriber_id", IdentityField.SUBSCRIBER, "calling_station_id", IdentityField.CALLING_STATION,
                    "mobile_user_id", IdentityField.MOBILE_USER, "sim_id", IdentityField.SIM),
            IdentityField.SUBSCRIBER);
    private static final Shape CP = new Shape(List.of("account_bidx", "occurred_at", "event_id"),
            ordered("account_id", IdentityField.ACCOUNT, "sms_phone", IdentityField.PHONE, "user_code",
                    IdentityField.USER_CODE),
            IdentityField.ACCOUNT);

    @Inject
    IdentityCodec codec;

    /** The shape of {@code kind}'s identities, or null when it keeps none (port blocks). */
    public static Shape shape(RecordKind kind) {
        return switch (kind) {
            case AP_SESSION -> SESSION;
            case AP_PORT_BLOCK -> null;
            default -> CP;
        };
    }

    /**
     * Re-encrypts the rows an upsert into {@code kind}'s preservation area returned as newly
     * inserted ({@code inserted}, then the shape's key and encrypted columns). Rows already
     * preserved (for another hold) keep the key they have.
     */
    void reencrypt(Connection c, RecordKind kind, UUID holdId, ResultSet rows) throws SQLException {
        Shape shape = shape(kind);
        List<String> sets = new ArrayList<>();
        for (String column : shape.encrypted().keySet()) {
            sets.add(column + " = ?");
        }
        String where = kind == RecordKind.AP_SESSION
                ? "assigned_ip = ?::inet and started_at = ? and nas_id = ? and session_id = ?"
                : "account_bidx = ? and occurred_at = ? and event_id = ?";
        try (PreparedStatement up = c.prepareStatement("update " + kind.preservedTable() + " set "
                + String.join(", ", sets) + ", hold_bidx = decode(?, 'hex') where " + where)) {
            while (rows.next()) {
                if (!rows.getBoolean(1)) {
                    continue;
                }
                Instant at = rows.getObject(3, OffsetDateTime.class).toInstant();
                String record = kind == RecordKind.AP_SESSION
                        ? LogStore.sessionRecord(rows.getString(4), rows.getString(5), at)
                        : LogStore.cpRecord(kind, rows.getString(4), at);
                int first = 2 + shape.keyColumns().size();
                int i = 1;
                String indexed = null;
                int col = first;
                for (Map.Entry<String, IdentityField> e : shape.encrypted().entrySet()) {
                    String plain = codec.decrypt(e.getValue(), record, rows.getString(col++));
                    if (e.getValue() == shape.indexed()) {
                        indexed = plain;
                    }
                    up.setString(i++, codec.encryptForHold(e.getValue(), holdId, kind.category(), record, plain));
                }
                up.setString(i++, codec.blindIndexForHold(shape.indexed(), holdId, kind.category(), indexed));
                if (kind == RecordKind.AP_SESSION) {
                    up.setString(i++, rows.getString(2));
                    up.setObject(i++, rows.getObject(3, OffsetDateTime.class));
                    up.setString(i++, rows.getString(4));
                    up.setString(i, rows.getString(5));
                } else {
                    up.setBytes(i++, rows.getBytes(2));
                    up.setObject(i++, rows.getObject(3, OffsetDateTime.class));
                    up.setString(i, rows.getString(4));
                }
                up.executeUpdate();
            }
        }
    }

    private static Map<String, IdentityField> ordered(Object... pairs) {
        Map<String, IdentityField> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (IdentityField) pairs[i + 1]);
        }
        return m;
    }
}
