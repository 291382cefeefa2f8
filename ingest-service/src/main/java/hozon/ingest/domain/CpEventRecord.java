package hozon.ingest.domain;

import hozon.ingest.domain.CpEventKind;
import java.time.OffsetDateTime;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One CP event: an account created or deleted, a login or logout, or a post. */
// Read by hand (ObjectMapper.readerFor) from the streamed body, so no resource signature tells Quarkus to keep it for reflection.
@RegisterForReflection
@Schema(description = "A CP account, login or post event")
public record CpEventRecord(
        @Schema(required = true) CpEventKind kind,
        @Schema(required = true, description = "The provider's own id of the event; for a post, the post id",
                examples = "post-8831") String eventId,
        @Schema(required = true, examples = "acct-42") String accountId,
        @Schema(description = "Source IPv4 or IPv6 address; login-type services may have none on posts",
                examples = "198.51.100.23") String ip,
        @Schema(description = "Source port of the transmission", examples = "51034") Integer sourcePort,
        @Schema(required = true, description = "Event time, RFC 3339 with offset, to the millisecond (mobile networks"
                + " may reuse an address within a second); kept to the microsecond",
                examples = "2026-03-01T10:00:00.123+09:00") OffsetDateTime occurredAt,
        @Schema(description = "Destination IPv4 or IPv6 address of the transmission (asked for in practice; not an"
                + " item of Enforcement Regulation Art. 2)", examples = "192.0.2.80") String destinationIp,
        @Schema(description = "Destination port; requires destinationIp", examples = "443") Integer destinationPort,
        @Schema(description = "Telephone number verified by SMS (E.164, e.g. +819012345678); on ACCOUNT_CREATED and"
                + " LOGIN only. Identifying: stored through the identity codec, never logged",
                examples = "+819012345678") String smsVerifiedPhone,
        @Schema(description = "The provider's own identifier of the user (利用管理符号), where it differs from the account"
                + " id. Identifying: stored through the identity codec, never logged",
                examples = "u-7781") String userManagementCode) {
}
