package hozon.concurrent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Group commit (issue #19): callers queue an item and get a future that completes when the item is
 * durable; writer threads each take whatever is queued (at most {@code maxBatch}) and write it as
 * one unit — one transaction, one commit — so concurrent requests share a commit instead of each
 * paying for its own. Nothing is answered before its batch is written: the caller waits on the
 * future. A writer must complete every item of its batch (with its result or its own failure);
 * whatever it leaves incomplete, or every item of a batch whose write throws, fails with that
 * cause.
 *
 * @param <T> what is queued
 * @param <R> what each item's future completes with
 */
public final class GroupCommit<T, R> {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /** One queued item and the future its caller waits on. */
    public record Pending<T, R>(T item, CompletableFuture<R> done) {
    }

    /** Writes one batch and completes its items. */
    @FunctionalInterface
    public interface Writer<T, R> {
        void write(List<Pending<T, R>> batch) throws Exception;
    }

    private final String name;
    private final int writers;
    private final int maxBatch;
    private final Writer<T, R> writer;
    private final LinkedBlockingQueue<Pending<T, R>> queue;
    private volatile boolean started;

    /**
     * @param name the writer threads' name (numbered when more than one)
     * @param writers how many batches may be written at once (one keeps batches in queue order)
     * @param maxBatch the most items one batch takes
     * @param maxQueued the most items waiting for a writer; one more is refused
     */
    public GroupCommit(String name, int writers, int maxBatch, int maxQueued, Writer<T, R> writer) {
        if (writers < 1 || maxBatch < 1 || maxQueued < 1) {
            throw new IllegalArgumentException("writers, maxBatch and maxQueued must be at least 1");
        }
        this.name = name;
        this.writers = writers;
        this.maxBatch = maxBatch;
        this.writer = writer;
        this.queue = new LinkedBlockingQueue<>(maxQueued);
    }

    /**
     * Queues an item for the next batch; the future completes when it is written (or has failed).
     *
     * @throws RejectedExecutionException when {@code maxQueued} items already wait: nothing was queued
     */
    public CompletableFuture<R> submit(T item) {
        Pending<T, R> p = new Pending<>(item, new CompletableFuture<>());
        if (!queue.offer(p)) {
            throw new RejectedExecutionException(name + ": " + queue.size() + " items already wait");
        }
        start();
        return p.done();
    }

    /** Queues an item and waits for it; a failure is rethrown as the writer's own exception where it can be. */
    public R await(T item, Duration timeout) throws Exception {
        try {
            return submit(item).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private void start() {
        if (!started) {
            synchronized (this) {
                if (!started) {
                    for (int i = 0; i < writers; i++) {
                        Thread t = new Thread(this::drain, writers == 1 ? name : name + "-" + i);
                        t.setDaemon(true);
                        t.start();
                    }
                    started = true;
                }
            }
        }
    }

    private void drain() {
        List<Pending<T, R>> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, maxBatch - 1);
            Exception failure = null;
            try {
                writer.write(batch);
            } catch (Exception e) {
                failure = e;
            } catch (Error e) {
                // The thread lives on: a queue nobody drains would leave every later caller waiting.
                LOG.errorf(e, "%s: a batch of %d failed", name, batch.size());
                failure = new IllegalStateException(e);
            }
            for (Pending<T, R> p : batch) {
                if (!p.done().isDone()) {
                    p.done().completeExceptionally(failure != null ? failure
                            : new IllegalStateException(name + ": the writer left an item unanswered"));
                }
            }
            batch.clear();
        }
    }

    /** Waits, at most {@code timeout}, until what is queued now has been written (at shutdown). */
    public void flush(Duration timeout) {
        CompletableFuture<?>[] queued = queue.stream().map(Pending::done).toArray(CompletableFuture[]::new);
        if (queued.length == 0) {
            return;
        }
        try {
            CompletableFuture.allOf(queued).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warnf("%s: interrupted at shutdown with %d items queued", name, queue.size());
        } catch (ExecutionException e) {
            // the cause's kind only: a store's message may quote what was written
            LOG.warnf("%s: a batch written at shutdown failed (%s)", name, e.getCause().getClass().getSimpleName());
        } catch (TimeoutException e) {
            LOG.warnf("%s: %d items may not have been written at shutdown", name, queue.size());
        }
    }
}
