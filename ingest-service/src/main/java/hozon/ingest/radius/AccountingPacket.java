package hozon.ingest.radius;

import java.time.Instant;
import java.util.List;

/**
 * The part of a RADIUS Accounting-Request hozon keeps (the attributes of the connection-
 * authentication log); everything else the NAS sent is dropped on arrival.
 *
 * @param nasId NAS-Identifier, else NAS-IP-Address: the NAS a session id is unique within
 * @param addresses Framed-IP-Address, Framed-IPv6-Prefix, Delegated-IPv6-Prefix, as present
 * @param eventTime Event-Timestamp, else receipt time minus Acct-Delay-Time
 * @param sessionSeconds Acct-Session-Time (0 when absent)
 * @param imsi 3GPP-IMSI (vendor 10415, attribute 1), sent by a GGSN / P-GW (3GPP TS 29.061)
 */
public record AccountingPacket(Status status, String nasId, String sessionId, String multiSessionId, String userName,
        List<String> addresses, String callingStationId, String terminateCause, Instant eventTime,
        long sessionSeconds, String imsi) {

    /** Acct-Status-Type values hozon acts on (RFC 2866 §5.1). */
    public enum Status {
        START(1, "Start"), STOP(2, "Stop"), INTERIM_UPDATE(3, "Interim-Update"), ACCOUNTING_ON(7, "Accounting-On"),
        ACCOUNTING_OFF(8, "Accounting-Off");

        final int code;
        final String radiusName;

        Status(int code, String radiusName) {
            this.code = code;
            this.radiusName = radiusName;
        }

        public String radiusName() {
            return radiusName;
        }

        static Status of(String v) {
            for (Status s : values()) {
                if (s.radiusName.equalsIgnoreCase(v) || String.valueOf(s.code).equals(v)) {
                    return s;
                }
            }
            return null;
        }

        boolean isNasWide() {
            return this == ACCOUNTING_ON || this == ACCOUNTING_OFF;
        }
    }

    /**
     * The mobile connection user ID (Enforcement Regulation Art. 2(vi)): on a mobile core's
     * accounting — recognised by its 3GPP-IMSI — Calling-Station-Id carries the MSISDN (3GPP TS
     * 29.061, RADIUS interface); on a fixed line it is a circuit id or MAC and is no such item.
     */
    public String mobileUserId() {
        return imsi == null ? null : callingStationId;
    }

    /** The SIM identifier (Art. 2(vii)): the IMSI, which the SIM carries and the mobile core reports. */
    public String simId() {
        return imsi;
    }

    /** When the session began by this packet's account: the event time less the session time. */
    public Instant sessionStart() {
        return eventTime.minusSeconds(sessionSeconds);
    }
}
