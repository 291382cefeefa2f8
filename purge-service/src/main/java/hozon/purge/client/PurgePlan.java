package hozon.purge.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * policy-service's purge plan, as this service reads it (unknown fields are ignored). Holds
 * and purpose achievements carry identifiers: this service reads only the hold ids and passes
 * the rest to ingest-service as it came, never storing or logging it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PurgePlan(Instant asOf, Instant knownAt, Instant generatedAt, String digest, Long holdsRevision,
        List<CategoryCutoff> categories, List<String> withoutRule, List<JsonNode> holds,
        List<JsonNode> purposeAchievements) {

    public List<JsonNode> holdsOrEmpty() {
        return holds == null ? List.of() : holds;
    }

    public List<JsonNode> achievementsOrEmpty() {
        return purposeAchievements == null ? List.of() : purposeAchievements;
    }

    public List<UUID> holdIds() {
        return holdsOrEmpty().stream().map(h -> UUID.fromString(h.path("holdId").asText())).toList();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CategoryCutoff(String category, UUID ruleId, int ruleVersion, String period, Instant cutoff) {
    }
}
