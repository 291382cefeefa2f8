package hozon.ingest.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A carrier-grade NAT port-block event (the fields of RFC 8158's NAT44 port-block allocation
 * and release events): which inside address got which block of ports on which public address.
 */
// Read by hand (ObjectMapper.readerFor) from the streamed body, so no resource signature tells Quarkus to keep it for reflection.
@RegisterForReflection
@Schema(description = "A CGNAT port-block allocation or release (RFC 8158 fields)")
public record PortBlockEventRecord(
        @Schema(required = true, type = SchemaType.STRING, enumeration = {"allocate", "release"},
                description = "allocate or release (case-insensitive)") Event event,
        @Schema(description = "The NAT device that reported it", examples = "cgn-tokyo-01") String deviceId,
        @Schema(required = true, description = "Inside (subscriber-side) address", examples = "100.64.12.34") String insideIp,
        @Schema(required = true, description = "Public IPv4 address", examples = "203.0.113.7") String publicIp,
        @Schema(required = true, description = "First port of the block (inclusive)", examples = "1024") Integer portStart,
        @Schema(required = true, description = "Last port of the block (inclusive)", examples = "2047") Integer portEnd,
        @Schema(required = true, description = "When the NAT allocated or released the block, RFC 3339 with offset",
                examples = "2026-03-01T10:00:00.123+09:00") OffsetDateTime occurredAt) {

    public enum Event {
        ALLOCATE, RELEASE;

        @JsonCreator
        public static Event of(String s) {
            String v = s == null ? "" : s.trim().toUpperCase(Locale.ROOT);
            // Unknown words become "missing": the validator names the field and the allowed values.
            return v.equals("ALLOCATE") ? ALLOCATE : v.equals("RELEASE") ? RELEASE : null;
        }
    }
}
