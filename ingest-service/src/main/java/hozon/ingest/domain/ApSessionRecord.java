package hozon.ingest.domain;

import java.time.OffsetDateTime;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One AP connection session: who had which address (and public port range) when. */
// Read by hand (ObjectMapper.readerFor) from the streamed body, so no resource signature tells Quarkus to keep it for reflection.
@RegisterForReflection
@Schema(description = "An AP connection-authentication session")
public record ApSessionRecord(
        @Schema(required = true, examples = "sub-000123") String subscriberId,
        @Schema(required = true, description = "Session id, unique per NAS (Acct-Session-Id)", examples = "5F3A0001")
        String sessionId,
        @Schema(description = "The NAS that reported the session", examples = "bras-tokyo-01") String nasId,
        @Schema(required = true, description = "Assigned IPv4 or IPv6 address, or delegated IPv6 prefix",
                examples = "198.51.100.23") String assignedAddress,
        @Schema(description = "Public IPv4 behind carrier-grade NAT, if any", examples = "203.0.113.7") String publicIp,
        @Schema(description = "First port of the public port block (inclusive)", examples = "1024") Integer publicPortStart,
        @Schema(description = "Last port of the public port block (inclusive)", examples = "2047") Integer publicPortEnd,
        @Schema(required = true, description = "Session start, RFC 3339 with offset", examples = "2026-03-01T10:00:00+09:00")
        OffsetDateTime start,
        @Schema(description = "Session end, RFC 3339 with offset; absent while open", examples = "2026-03-01T18:00:00+09:00")
        OffsetDateTime end,
        @Schema(description = "Mobile connection user ID (移動端末設備からのインターネット接続サービス利用者識別符号,"
                + " Enforcement Regulation Art. 2(vi)) where the mobile core supplies one. Identifying: stored through"
                + " the identity codec, never logged", examples = "+819012345678") String mobileUserId,
        @Schema(description = "SIM identifier (SIMカード識別番号, Art. 2(vii)): the IMSI a mobile core reports, or the"
                + " ICCID where the operator's feed has it. Identifying", examples = "440101234567890") String simId) {
}
