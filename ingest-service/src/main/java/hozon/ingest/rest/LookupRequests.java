package hozon.ingest.rest;

import hozon.problem.Problem;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Look-up requests and answers. Identifiers travel in bodies, never in URLs. */
public final class LookupRequests {

    private LookupRequests() {
    }

    @Schema(description = "Who had this address (and port) at this instant?")
    public record ApQuery(
            @Schema(description = "The case (legal basis) this look-up runs under") @NotNull UUID caseId,
            @Schema(examples = "203.0.113.7") @NotBlank @Size(max = 45) String ip,
            @Schema(description = "Source port; without it a shared public address stays ambiguous", examples = "1500")
            @Min(0) @Max(65535) Integer port,
            @Schema(examples = "2026-03-01T10:00:00.123+09:00") @NotNull OffsetDateTime instant) {
    }

    @Schema(description = "Many AP look-ups under one case, e.g. the (address, port, instant) list of a disclosure"
            + " order; at most hozon.ingest.lookup.max-bulk-tuples of them")
    public record ApBulkQuery(
            @Schema(description = "The case (legal basis) every tuple runs under") @NotNull UUID caseId,
            @Schema(description = "The tuples, answered in this order") @NotNull List<@NotNull ApTuple> tuples) {
    }

    @Schema(description = "One tuple of a bulk AP look-up")
    public record ApTuple(@Schema(examples = "203.0.113.7") @NotBlank @Size(max = 45) String ip,
            @Schema(examples = "1500") @Min(0) @Max(65535) Integer port,
            @Schema(examples = "2026-03-01T10:00:00.123+09:00") @NotNull OffsetDateTime instant) {
    }

    @Schema(description = "One NDJSON line of a bulk AP look-up's answer: the tuple's position and either its answer"
            + " (as a single look-up gives it) or the problem it was refused with")
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record ApBulkLine(int index, ApAnswer answer, Problem problem) {
    }

    @Schema(description = "Where was this post sent from?")
    public record CpQuery(@NotNull UUID caseId, @Schema(examples = "post-8831") @NotBlank @Size(max = 256) String postId) {
    }

    @Schema(description = "A subscriber's session that held the address at the instant, with the records it rests on")
    public record ApCandidate(String subscriberId, String sessionId, String nasId, String assignedAddress,
            String publicIp, Integer publicPortStart, Integer publicPortEnd, Instant start, Instant end,
            @Schema(description = "ASSIGNED_ADDRESS, SESSION_PORT_RANGE, PORT_BLOCK (CGN log), DS_LITE (AFTR log with"
                    + " the B4's IPv6 address), MAP_E or DETERMINISTIC_CGN (computed from the rule set in force)")
            String matchedBy,
            @Schema(description = "True when the instant lies outside an interval of the chain (the session's or the"
                    + " port block's) and matches only within the clock tolerance")
            boolean onlyWithinTolerance,
            @Schema(description = "For computed mechanisms: the rule set version, its parameters and every intermediate"
                    + " value the match rests on") Map<String, Object> proof,
            @Schema(description = "For PORT_BLOCK and DS_LITE: the CGN / AFTR record that led from the public address"
                    + " and port to this session") PortBlockEvidence portBlock,
            @Schema(description = "The sender information this candidate yields, under the Enforcement Regulation Art. 2"
                    + " item each corresponds to") List<SenderItem> senderInformation) {
    }

    @Schema(description = "One item of sender information (発信者情報) found in the logs, under the Platform Act"
            + " Enforcement Regulation Art. 2 item it corresponds to, with the record it comes from")
    public record SenderItem(
            @Schema(description = "Stable code of the item", examples = "RELATED_IP_ADDRESS_AND_PORT") String item,
            @Schema(description = "The Regulation's item", examples = "Art. 2(ix)") String article,
            @Schema(description = "The item as the Regulation words it") String statutoryName,
            @Schema(examples = "198.51.100.2:40000") String value,
            @Schema(description = "The log record the value comes from", examples = "cp.login LOGIN l2") String source,
            @Schema(description = "When that record's communication took place, JST to the millisecond",
                    examples = "2026-03-01T09:30:00.123+09:00") String recordedAtJst,
            @Schema(description = "From an infringement-related communication (侵害関連通信): specified sender"
                    + " information, disclosed only under Platform Act Art. 5(1)(iii)'s conditions")
            boolean infringementRelated) {
    }

    @Schema(description = "An item the logs hold that this answer does not give, and why")
    public record WithheldItem(String item, String article, String statutoryName,
            @Schema(description = "The category and kind of record it is in (never its value)") String source,
            String reason) {
    }

    @Schema(description = "A port-block record of the chain: public address, port range, interval and device")
    public record PortBlockEvidence(String publicIp, int portStart, int portEnd, Instant allocatedAt,
            @Schema(description = "Absent while the block is still allocated") Instant releasedAt, String deviceId,
            @Schema(description = "The instant lies outside the block's interval, within the clock tolerance")
            boolean onlyWithinTolerance) {
    }

    public record ApAnswer(String ip, Integer port, Instant instant, long clockToleranceMillis,
            @Schema(description = "Intervals are start-inclusive, end-exclusive; an open session has no end")
            List<ApCandidate> candidates, boolean ambiguous, List<String> notes,
            @Schema(description = "Nothing found, and the instant lies before what was already purged")
            boolean expiredBeforeRequest,
            @Schema(description = "Each MAP-E rule or deterministic-CGN configuration in force that covers the address:"
                    + " mechanism, rule set version, parameters, intermediate values and how many sessions matched")
            List<Map<String, Object>> derivations,
            @Schema(description = "The log categories this look-up searched: only those the case covers")
            List<String> categoriesSearched,
            @Schema(description = "Categories the chain would walk next that the case does not cover: not searched")
            List<String> categoriesNotCovered) {
    }

    @Schema(description = "An account event of the post or near it: IP, port and time (JST on the wire as given)")
    public record CpEvent(String kind, String eventId, String ip, Integer sourcePort, Instant occurredAt) {
    }

    public record CpAnswer(String postId, String accountId, CpEvent post,
            @Schema(description = "When the post carries no IP: the account's nearest login/logout/account events"
                    + " before and after it within the window (侵害関連通信); absent when the case type may not"
                    + " receive them") CpEvent nearestBefore,
            CpEvent nearestAfter, long windowSeconds, List<String> notes, boolean expiredBeforeRequest,
            @Schema(description = "The log categories this look-up searched: only those the case covers")
            List<String> categoriesSearched,
            @Schema(description = "Categories the chain would walk next that the case does not cover: not searched")
            List<String> categoriesNotCovered,
            @Schema(description = "The sender information found, item by item of Enforcement Regulation Art. 2")
            List<SenderItem> senderInformation,
            @Schema(description = "Items found but not given under this case's type, each with the reason")
            List<WithheldItem> withheld) {
    }
}
