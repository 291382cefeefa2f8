package hozon.purge.rest;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Dry run: what a purge run would remove now. Nothing was deleted and no run was recorded")
public record PreviewView(Instant asOf, String planDigest, int holdsInForce, List<CategoryPreview> categories) {

    public record CategoryPreview(String category, int ruleVersion, String period, Instant planCutoff,
            Instant appliedCutoff, List<String> partitionsToDrop, long rowsDue, long rowsHeld) {
    }
}
