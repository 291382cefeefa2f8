package hozon.ingest.feed;

import hozon.ingest.config.IngestConfig;
import hozon.problem.Problem;
import hozon.problem.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;

/**
 * Admission control for writes: at most {@code hozon.ingest.max-concurrent-writes} at once.
 * One more is refused at once with 503 and Retry-After (senders retry; nothing was stored),
 * rather than waiting for a database connection until every client times out.
 */
@ApplicationScoped
public class WriteGate {

    @Inject
    IngestConfig config;

    private Semaphore permits;

    @PostConstruct
    void init() {
        permits = new Semaphore(config.maxConcurrentWrites());
    }

    /** A held write slot; close it when the write is answered. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    public Slot enter() {
        if (!permits.tryAcquire()) {
            throw overloaded();
        }
        return permits::release;
    }

    /** The 503 of a write refused before anything of it was stored (also for queues of their own). */
    public ProblemException overloaded() {
        return new ProblemException(new Problem("overloaded", "Overloaded", 503,
                "Too many writes in progress; nothing of this request was stored. Retry after the Retry-After seconds")
                .with("retryAfterSeconds", config.overloadRetryAfterSeconds()));
    }
}
