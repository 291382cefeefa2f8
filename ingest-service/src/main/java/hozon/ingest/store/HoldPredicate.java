package hozon.ingest.store;

import hozon.ingest.domain.PurgeOrder;
import hozon.ingest.store.IdentityCodec.IdentityField;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL that is true for a row some hold protects: its event time lies in the hold's window and
 * one of the hold's selectors matches it. A selector that a table has no column for (an
 * account on AP sessions, say) matches nothing there. IP selectors match by overlap
 * ({@code &&}: the address lies in the prefix or the prefix in the address' network), with
 * the port range, where given, overlapping the row's public port block or source port.
 *
 * <p>Total: the condition is TRUE or FALSE for every row, never NULL. Each selector is wrapped in
 * {@code coalesce(…, false)}, so a NULL column (a session without a public address, a CP event
 * without a source port) means "this selector does not match", never "unknown" — an unknown
 * inside {@code not (…)} would keep an unheld row past its retention.
 */
public final class HoldPredicate {

    private HoldPredicate() {
    }

    public static SqlFragment protectedRows(RecordKind kind, List<PurgeOrder.Hold> holds, IdentityCodec codec) {
        List<String> perHold = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (PurgeOrder.Hold h : holds) {
            List<String> selectors = new ArrayList<>();
            List<Object> selectorParams = new ArrayList<>();
            for (PurgeOrder.Selector s : h.selectors()) {
                String sql = selector(kind, h, s, selectorParams, codec);
                if (sql != null) {
                    selectors.add("coalesce(" + sql + ", false)");
                }
            }
            if (selectors.isEmpty()) {
                continue;
            }
            perHold.add("(" + kind.timeColumn() + " >= ? and " + kind.timeColumn() + " < ? and ("
                    + String.join(" or ", selectors) + "))");
            params.add(h.windowFrom().toInstant().atOffset(ZoneOffset.UTC));
            params.add(h.windowTo().toInstant().atOffset(ZoneOffset.UTC));
            params.addAll(selectorParams);
        }
        return perHold.isEmpty() ? SqlFragment.FALSE : new SqlFragment("(" + String.join(" or ", perHold) + ")", params);
    }

    /** The blind-index column a purpose-achieved selector reads on {@code kind}, or null when the table has none. */
    public static String achievementColumn(RecordKind kind, PurgeOrder.SelectorKind selector) {
        return switch (selector) {
            case SUBSCRIBER -> kind == RecordKind.AP_SESSION ? "subscriber_bidx" : null;
            case ACCOUNT -> kind.category().startsWith("cp.") ? "account_bidx" : null;
            default -> null;
        };
    }

    /**
     * {@code column} (a live row's day index) or {@code hold_bidx} (a preserved row's index under
     * its hold's key) is one of the value's blind indexes under the category's live day keys of
     * {@code [from, to)} and its hold keys; "false" when there is none (no key, hence no row).
     */
    public static String blindIndexIn(String column, IdentityField field, RecordKind kind, Instant from, Instant to,
            String value, List<Object> params, IdentityCodec codec) {
        List<String> indexes = codec.blindIndexes(field, kind.category(), from, to, value);
        if (indexes.isEmpty()) {
            return "false";
        }
        params.add(indexes.toArray(String[]::new));
        return "array[" + column + ", hold_bidx] && array(select decode(x, 'hex') from unnest(?::text[]) x)";
    }

    private static String selector(RecordKind kind, PurgeOrder.Hold h, PurgeOrder.Selector s, List<Object> params,
            IdentityCodec codec) {
        Instant from = h.windowFrom().toInstant();
        Instant to = h.windowTo().toInstant();
        boolean ports = s.portStart() != null && s.portEnd() != null;
        switch (s.kind()) {
            case SUBSCRIBER:
                if (kind != RecordKind.AP_SESSION) {
                    return null;
                }
                return blindIndexIn("subscriber_bidx", IdentityField.SUBSCRIBER, kind, from, to, s.value(), params,
                        codec);
            case SESSION:
                if (kind != RecordKind.AP_SESSION) {
                    return null;
                }
                params.add(s.value());
                return "session_id = ?";
            case ACCOUNT:
                if (!kind.category().startsWith("cp.")) {
                    return null;
                }
                return blindIndexIn("account_bidx", IdentityField.ACCOUNT, kind, from, to, s.value(), params, codec);
            case POST:
                if (kind != RecordKind.CP_POST) {
                    return null;
                }
                params.add(s.value());
                return "event_id = ?";
            case IP:
                return ipSelector(kind, s, ports, params);
            default:
                return null;
        }
    }

    private static String ipSelector(RecordKind kind, PurgeOrder.Selector s, boolean ports, List<Object> params) {
        switch (kind) {
            case AP_SESSION:
                params.add(s.value());
                params.add(s.value());
                if (ports) {
                    params.add(s.portEnd());
                    params.add(s.portStart());
                    return "(assigned_ip && ?::inet or (public_ip && ?::inet and public_port_start <= ? and public_port_end >= ?))";
                }
                return "(assigned_ip && ?::inet or public_ip && ?::inet)";
            case AP_PORT_BLOCK:
                params.add(s.value());
                params.add(s.value());
                if (ports) {
                    params.add(s.portEnd());
                    params.add(s.portStart());
                    return "(inside_ip && ?::inet or (public_ip && ?::inet and port_start <= ? and port_end >= ?))";
                }
                return "(inside_ip && ?::inet or public_ip && ?::inet)";
            default:
                params.add(s.value());
                if (ports) {
                    params.add(s.portStart());
                    params.add(s.portEnd());
                    return "(ip && ?::inet and source_port between ? and ?)";
                }
                return "(ip && ?::inet)";
        }
    }
}
