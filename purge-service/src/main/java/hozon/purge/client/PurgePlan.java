package hozon.purge.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** policy-service's purge plan, as this service reads it (unknown fields are ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PurgePlan(Instant asOf, Instant generatedAt, String digest, List<CategoryCutoff> categories,
        List<String> withoutRule) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CategoryCutoff(String category, UUID ruleId, int ruleVersion, String period, Instant cutoff) {
    }
}
