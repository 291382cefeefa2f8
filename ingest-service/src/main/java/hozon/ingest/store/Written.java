package hozon.ingest.store;

/**
 * What one write did: records (or port blocks) newly stored, and open intervals whose end it
 * recorded; the rest of what was sent were duplicates.
 */
public record Written(int stored, int ended) {
}
