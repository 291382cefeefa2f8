package hozon.ingest.rest;

import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "How many records of a category have event times on a calendar day (JST by default)")
public record DailyCount(String category, LocalDate day, long count) {
}
