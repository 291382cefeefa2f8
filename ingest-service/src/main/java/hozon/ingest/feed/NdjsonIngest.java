package hozon.ingest.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import hozon.ingest.config.IngestConfig;
import hozon.ingest.rest.Batch;
import hozon.problem.JsonErrors;
import hozon.problem.Problem;
import hozon.problem.Problem.FieldError;
import hozon.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * NDJSON streams: one record per line, read in bounded memory (one line buffer and one chunk of
 * records), stored chunk by chunk, each chunk in its own transaction, committed before the next
 * is read. <b>Partial acceptance</b>: a line that is not a valid record is refused and listed
 * (index = its 0-based line number, field, reason) and nothing of it is stored; every other line
 * is stored. The answer (200 when every line was stored or was a duplicate, else a 400 problem
 * with the counts) is sent after the last commit, so a 2xx covers only committed records; a
 * sender that retries the whole stream creates no duplicates.
 */
@ApplicationScoped
public class NdjsonIngest {

    @Inject
    ObjectMapper json;

    @Inject
    IngestConfig config;

    /** What to do with a chunk of parsed records. */
    public interface Chunk<T> {
        /** Problems of the records, indexed by position in {@code records}. */
        List<FieldError> check(List<T> records);

        Batch.Result store(List<T> valid) throws SQLException;

        /** A chunk handler from a validator and a store method. */
        static <T> Chunk<T> of(java.util.function.Function<List<T>, List<FieldError>> check, Store<T> store) {
            return new Chunk<>() {
                @Override
                public List<FieldError> check(List<T> records) {
                    return check.apply(records);
                }

                @Override
                public Batch.Result store(List<T> valid) throws SQLException {
                    return store.store(valid);
                }
            };
        }
    }

    /** Stores validated records of one chunk in one transaction. */
    @FunctionalInterface
    public interface Store<T> {
        Batch.Result store(List<T> valid) throws SQLException;
    }

    public <T> Batch.Result ingest(InputStream in, Class<T> type, Chunk<T> chunk) throws IOException, SQLException {
        ObjectReader reader = json.readerFor(type);
        LineReader lines = new LineReader(in, config.maxLineBytes());
        int chunkSize = config.ndjsonChunkRecords();
        List<T> pending = new ArrayList<>(chunkSize);
        List<Integer> pendingLines = new ArrayList<>(chunkSize);
        Tally tally = new Tally(config.maxListedErrors());
        int line = -1;
        while (lines.next()) {
            line++;
            if (lines.tooLong()) {
                tally.refuse(new FieldError(line, "(line)", "longer than " + config.maxLineBytes() + " bytes"));
                continue;
            }
            if (lines.blank()) {
                continue;
            }
            try {
                T record = reader.readValue(lines.buffer(), lines.offset(), lines.length());
                pending.add(record);
                pendingLines.add(line);
            } catch (JsonProcessingException e) {
                tally.refuse(JsonErrors.of(e, line));
            }
            if (pending.size() >= chunkSize) {
                flush(chunk, pending, pendingLines, tally);
            }
        }
        flush(chunk, pending, pendingLines, tally);
        if (tally.rejected > 0) {
            Batch.Result r = tally.result;
            throw new ProblemException(new Problem("invalid-records", "Invalid records", 400,
                    tally.rejected + " of " + (r.received() + tally.rejected) + " line(s) were refused and not stored"
                            + " (listed: at most " + config.maxListedErrors() + "); every other line was stored")
                    .withErrors(tally.errors).with("received", r.received() + tally.rejected).with("stored", r.stored())
                    .with("ended", r.ended()).with("duplicates", r.duplicates()).with("rejected", tally.rejected));
        }
        return tally.result;
    }

    private static <T> void flush(Chunk<T> chunk, List<T> pending, List<Integer> lines, Tally tally)
            throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        Set<Integer> bad = new HashSet<>();
        for (FieldError e : chunk.check(pending)) {
            bad.add(e.index());
            tally.refuse(new FieldError(lines.get(e.index()), e.field(), e.reason()), false);
        }
        tally.rejected += bad.size();
        List<T> valid = new ArrayList<>(pending.size() - bad.size());
        for (int i = 0; i < pending.size(); i++) {
            if (!bad.contains(i)) {
                valid.add(pending.get(i));
            }
        }
        if (!valid.isEmpty()) {
            tally.result = tally.result.plus(chunk.store(valid));
        }
        pending.clear();
        lines.clear();
    }

    private static final class Tally {
        private final int maxListed;
        private final List<FieldError> errors = new ArrayList<>();
        private Batch.Result result = Batch.Result.of(0, 0, 0);
        private int rejected;

        Tally(int maxListed) {
            this.maxListed = maxListed;
        }

        void refuse(FieldError e) {
            refuse(e, true);
        }

        void refuse(FieldError e, boolean count) {
            if (count) {
                rejected++;
            }
            if (errors.size() < maxListed) {
                errors.add(e);
            }
        }
    }
}
