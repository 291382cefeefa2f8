package hozon.ingest.radius;

import com.fasterxml.jackson.databind.JsonNode;
import hozon.net.IpAddresses;
import hozon.problem.Problem;
import hozon.problem.Problem.FieldError;
import hozon.problem.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an Accounting-Request as FreeRADIUS's rlm_rest posts it, in either shape: rlm_rest's
 * own {@code {"User-Name":{"type":"string","value":["bob"]}}} or json_encode's flat
 * {@code {"User-Name":"bob"}} (values possibly in arrays, numbers or enum names). Attribute
 * names are matched case-insensitively. Attributes outside the connection-authentication log
 * (octet counters, NAS-Port, vendor attributes but 3GPP-IMSI…) are dropped, never stored:
 * refusing them would only make the NAS retransmit a packet it cannot change.
 */
public final class RadiusJson {

    private static final int MAX_TEXT = 256;

    private RadiusJson() {
    }

    public static AccountingPacket parse(JsonNode root, Instant receivedAt, Duration maxFutureSkew) {
        if (root == null || !root.isObject()) {
            throw ProblemException.invalid("An accounting request is one JSON object of RADIUS attributes",
                    FieldError.of("(body)", "must be a JSON object"));
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> attrs = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode leaf = leaf(e.getValue());
            String kind = KEPT.get(e.getKey());
            if (leaf == null || kind == null) {
                // Attributes outside the log are dropped on arrival: refusing them would only make
                // the NAS retransmit; they are never stored.
                continue;
            }
            String type = typeError(kind, leaf);
            if (type != null) {
                errors.add(FieldError.of(e.getKey(), type));
                continue;
            }
            String v = leaf.asText();
            // rlm_rest expands json_encode's output once more, so "/" arrives as "\/" inside the
            // value (seen with FreeRADIUS 3.2.1: "2001:db8::\\\/56"); no kept attribute holds a backslash.
            attrs.put(e.getKey(), v.indexOf('\\') >= 0 ? v.replace("\\/", "/") : v);
        }
        String statusText = attrs.get("Acct-Status-Type");
        AccountingPacket.Status status = statusText == null ? null : AccountingPacket.Status.of(statusText);
        if (status == null) {
            errors.add(FieldError.of("Acct-Status-Type", statusText == null ? "is required"
                    : "'" + statusText + "' is not Start, Interim-Update, Stop, Accounting-On or Accounting-Off"));
        }
        String nasIp = attrs.get("NAS-IP-Address");
        if (nasIp != null && !IpAddresses.isIpv4(nasIp)) {
            errors.add(FieldError.of("NAS-IP-Address", "'" + nasIp + "' is not an IPv4 address"));
        }
        String nasIpv6 = attrs.get("NAS-IPv6-Address");
        if (nasIpv6 != null && (!nasIpv6.contains(":") || IpAddresses.parseAddress(nasIpv6) == null)) {
            errors.add(FieldError.of("NAS-IPv6-Address", "'" + nasIpv6 + "' is not an IPv6 address"));
        }
        String nas = first(attrs.get("NAS-Identifier"), first(nasIp, nasIpv6));
        if (nas == null) {
            errors.add(FieldError.of("NAS-Identifier", "NAS-Identifier or NAS-IP-Address is required"));
        }
        text(errors, "NAS-Identifier", nas);
        String sessionId = attrs.get("Acct-Session-Id");
        String user = attrs.get("User-Name");
        List<String> addresses = new ArrayList<>();
        if (status != null && !status.isNasWide()) {
            required(errors, "Acct-Session-Id", sessionId);
            required(errors, "User-Name", user);
            text(errors, "Acct-Terminate-Cause", attrs.get("Acct-Terminate-Cause"));
            address(errors, attrs, "Framed-IP-Address", true, addresses);
            address(errors, attrs, "Framed-IPv6-Prefix", false, addresses);
            address(errors, attrs, "Delegated-IPv6-Prefix", false, addresses);
            if (addresses.isEmpty() && status == AccountingPacket.Status.START && errors.isEmpty()) {
                errors.add(FieldError.of("Framed-IP-Address",
                        "a Start needs Framed-IP-Address, Framed-IPv6-Prefix or Delegated-IPv6-Prefix"));
            }
        }
        text(errors, "Acct-Multi-Session-Id", attrs.get("Acct-Multi-Session-Id"));
        text(errors, "Calling-Station-Id", attrs.get("Calling-Station-Id"));
        String imsi = attrs.get("3GPP-IMSI");
        if (imsi != null && !imsi.matches("[0-9]{6,15}")) {
            errors.add(FieldError.of("3GPP-IMSI", "must be 6 to 15 digits (an IMSI)"));
        }
        long delay = seconds(errors, attrs, "Acct-Delay-Time");
        long sessionSeconds = status == AccountingPacket.Status.START ? 0 : seconds(errors, attrs, "Acct-Session-Time");
        Instant eventTime = receivedAt.minusSeconds(delay);
        String ts = attrs.get("Event-Timestamp");
        if (ts != null) {
            try {
                eventTime = EventTimestamp.parse(ts);
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("Event-Timestamp", e.getMessage()));
            } catch (java.time.DateTimeException e) {
                errors.add(FieldError.of("Event-Timestamp", "'" + ts + "' has an invalid offset"));
            }
        }
        if (eventTime.isAfter(receivedAt.plus(maxFutureSkew))) {
            errors.add(FieldError.of("Event-Timestamp", "lies in the future beyond the allowed clock skew"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(new Problem("invalid-records", "Invalid accounting request", 400,
                    errors.size() + " problem(s) in the accounting request; nothing was stored").withErrors(errors));
        }
        return new AccountingPacket(status, nas, sessionId, attrs.get("Acct-Multi-Session-Id"), user, addresses,
                attrs.get("Calling-Station-Id"), attrs.get("Acct-Terminate-Cause"), eventTime, sessionSeconds, imsi);
    }

    /**
     * What each kept attribute is: TEXT (a string), INTEGER (a number or its decimal text), or
     * ENUM (a name or number; Event-Timestamp too: FreeRADIUS date text or epoch seconds).
     */
    private static final Map<String, String> KEPT = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        for (String t : List.of("NAS-Identifier", "NAS-IP-Address", "NAS-IPv6-Address", "Acct-Session-Id",
                "Acct-Multi-Session-Id", "User-Name", "Calling-Station-Id", "Framed-IP-Address", "Framed-IPv6-Prefix",
                "Delegated-IPv6-Prefix", "3GPP-IMSI")) {
            KEPT.put(t, "TEXT");
        }
        for (String t : List.of("Acct-Session-Time", "Acct-Delay-Time")) {
            KEPT.put(t, "INTEGER");
        }
        for (String t : List.of("Acct-Status-Type", "Acct-Terminate-Cause", "Event-Timestamp")) {
            KEPT.put(t, "ENUM");
        }
    }

    /** The attribute's (first) value in either shape ({"type","value":[…]} or flat); null for JSON null or an empty array. */
    static JsonNode leaf(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isObject()) {
            return n.has("value") ? leaf(n.get("value")) : n;
        }
        if (n.isArray()) {
            return n.isEmpty() ? null : leaf(n.get(0));
        }
        return n;
    }

    /** Why a kept attribute's JSON value has the wrong type, or null. */
    private static String typeError(String kind, JsonNode leaf) {
        boolean ok = switch (kind) {
            case "TEXT" -> leaf.isTextual();
            case "INTEGER" -> leaf.isIntegralNumber() || leaf.isTextual();
            default -> leaf.isTextual() || leaf.isIntegralNumber();
        };
        if (!ok) {
            return "must be " + ("TEXT".equals(kind) ? "a string" : "INTEGER".equals(kind) ? "a whole number"
                    : "a name or number") + ", not " + (leaf.isObject() ? "an object" : leaf.isArray() ? "an array"
                    : leaf.isBoolean() ? "a boolean" : leaf.isNumber() ? "a number" : leaf.getNodeType().name().toLowerCase());
        }
        if (leaf.isTextual()) {
            String v = leaf.asText();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    return "control character U+" + String.format("%04X", (int) c) + " is not allowed";
                }
            }
        }
        return null;
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }

    private static void required(List<FieldError> errors, String name, String v) {
        if (v == null || v.isBlank()) {
            errors.add(FieldError.of(name, "is required"));
        } else {
            text(errors, name, v);
        }
    }

    private static void text(List<FieldError> errors, String name, String v) {
        if (v != null && v.length() > MAX_TEXT) {
            errors.add(FieldError.of(name, "must be at most " + MAX_TEXT + " characters"));
        }
    }

    private static void address(List<FieldError> errors, Map<String, String> attrs, String name, boolean ipv4,
            List<String> out) {
        String v = attrs.get(name);
        if (v == null || v.isBlank()) {
            return;
        }
        boolean ok = ipv4 ? IpAddresses.isIpv4(v) : v.contains(":") && IpAddresses.addressOrPrefixError(v) == null;
        if (!ok) {
            errors.add(FieldError.of(name, "'" + v + "' is not an " + (ipv4 ? "IPv4 address" : "IPv6 prefix")));
        } else {
            out.add(v.toLowerCase(Locale.ROOT));
        }
    }

    private static long seconds(List<FieldError> errors, Map<String, String> attrs, String name) {
        String v = attrs.get(name);
        if (v == null) {
            return 0;
        }
        if (!v.matches("\\d{1,10}") || Long.parseLong(v) > 0xFFFFFFFFL) {
            errors.add(FieldError.of(name, "must be a whole number of seconds, 0 to 4294967295 (RFC 2866)"));
            return 0;
        }
        return Long.parseLong(v);
    }
}
