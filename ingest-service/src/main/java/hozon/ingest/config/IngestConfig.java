package hozon.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;

@ConfigMapping(prefix = "hozon.ingest")
public interface IngestConfig {

    /** How far in the future (by this service's clock) an event time may lie before it is refused. */
    @WithDefault("PT5M")
    Duration maxFutureSkew();

    /** Most records one JSON batch may carry; larger batches are refused (split them). */
    @WithDefault("10000")
    int maxBatchRecords();

    /** Zone whose calendar days the statistics endpoint counts in (reports are in JST). */
    @WithDefault("Asia/Tokyo")
    ZoneId reportZone();

    /** Longest window the statistics endpoint scans at once. */
    @WithDefault("P400D")
    java.time.Period maxStatsWindow();

    /** Largest JSON batch body; a larger one is refused with 413 before it is parsed (stream NDJSON instead). */
    @WithDefault("16M")
    io.quarkus.runtime.configuration.MemorySize maxJsonBody();

    /** Largest NDJSON body. It is read line by line in bounded memory, so this is a sanity bound, not a heap size. */
    @WithDefault("8G")
    io.quarkus.runtime.configuration.MemorySize maxNdjsonBody();

    /** NDJSON lines stored per transaction: each chunk is committed before the next is read. */
    @WithDefault("5000")
    int ndjsonChunkRecords();

    /** Longest NDJSON line; a longer one is refused (and skipped) without being buffered. */
    @WithDefault("65536")
    int maxLineBytes();

    /** At most this many refused lines are listed in a problem document (all are counted). */
    @WithDefault("100")
    int maxListedErrors();

    /**
     * Write requests (batches, streams, accounting packets) processed at once; one more is refused
     * with 503 and Retry-After instead of queueing until the connection pool is exhausted.
     */
    @WithDefault("16")
    int maxConcurrentWrites();

    /** Seconds a refused (overloaded) sender is told to wait. */
    @WithDefault("2")
    int overloadRetryAfterSeconds();

    Purge purge();

    Lookup lookup();

    Sessions sessions();

    PortBlocks portBlocks();

    Idempotency idempotency();

    Attribution attribution();

    Categories categories();

    Crypto crypto();

    KeyStore keystore();

    Metrics metrics();

    /** {@link hozon.ingest.metrics.IngestMetrics}. */
    interface Metrics {
        /** How often the stored-volume gauges are recomputed. */
        @io.smallrye.config.WithDefault("1m")
        String interval();

        /** A device silent this long counts as a silent feed (exported for the alert to compare with). */
        @io.smallrye.config.WithDefault("15m")
        Duration feedSilence();

        /** At most this many devices get their own last-record gauge; further ones share "other". */
        @io.smallrye.config.WithDefault("2000")
        int maxDevices();
    }

    interface Crypto {
        /**
         * The mounted secret holding the key-encryption keys: {@code id=base64(32 bytes)} per line,
         * the current one first.
         */
        @WithDefault("/etc/hozon/kek/keys")
        java.nio.file.Path kekFile();

        /** Development only: write a fresh KEK to {@link #kekFile()} when there is none (never in production). */
        @WithDefault("false")
        boolean generateKekIfMissing();

        /** How long unwrapped day keys are cached: a key destroyed by another replica is no longer used after this. */
        @WithDefault("PT1M")
        Duration keyCacheFor();
    }

    interface KeyStore {
        /**
         * The key store database (its own, outside the log database's backups); unset, the key
         * store lives in the log database (schema keystore) and crypto-shredding does not reach
         * the log database's backups — a development default, warned about at start.
         */
        java.util.Optional<String> jdbcUrl();

        /** Its user; unset, the log database's. */
        java.util.Optional<String> username();

        /** Its password; unset, the log database's. */
        java.util.Optional<String> password();

        /**
         * How long the key store's own backups are kept (reported): a destroyed day key lives on in
         * them for this long, so the erasure is complete everywhere this long after the purge.
         */
        @WithDefault("P1D")
        Duration backupRetention();
    }

    interface Sessions {
        /**
         * A RADIUS session with no Stop is taken to have ended this long after its last Start or
         * Interim-Update (end cause "Stale"), unless its NAS sends Accounting-On/Off first.
         */
        @WithDefault("P1D")
        Duration staleAfter();

        /** How long a closed session's state is kept so that late or repeated packets cannot reopen it. */
        @WithDefault("P2D")
        Duration closedStateRetention();

        /**
         * RADIUS group commit (issue #19): how many batches of accounting packets are written at
         * once, each in one transaction on its own connection. These connections replace a
         * connection per request: the packets waiting for them hold none.
         */
        @WithDefault("2")
        int writers();

        /** The most accounting packets one group commit takes. */
        @WithDefault("64")
        int maxBatch();

        /** Packets waiting for a group commit beyond which more are refused with 503 (nothing stored). */
        @WithDefault("2048")
        int maxQueued();

        /**
         * How long a request waits for its packet's commit before it is answered 503 (the packet may
         * still be stored: a NAS's retransmit of it is then acknowledged and stores nothing new).
         */
        @WithDefault("PT30S")
        Duration commitTimeout();
    }

    interface PortBlocks {
        /** How far back a release (or a re-allocation of the same ports) looks for the open block it ends. */
        @WithDefault("P7D")
        Duration maxOpen();
    }

    interface Idempotency {
        /** How long an Idempotency-Key and its first answer are kept (and replayed). */
        @WithDefault("P1D")
        Duration retention();

        /** How often keys past their retention are deleted. */
        @WithDefault("PT10M")
        Duration sweepEvery();
    }

    interface Attribution {
        /**
         * How long look-ups rely on the rule sets as last read; a version published on another
         * replica is seen within this time.
         */
        @WithDefault("PT10S")
        Duration cacheFor();
    }

    interface Categories {
        /** How often the category list is fetched from policy-service (and persisted here). */
        @WithDefault("PT1M")
        Duration refresh();
    }

    interface Lookup {
        /** Clocks of NAS, CGN and content servers disagree: intervals are widened by this much, and the answer says so. */
        @WithDefault("PT2S")
        Duration clockTolerance();

        /** How far before and after a post to look for the account's logins (侵害関連通信). */
        @WithDefault("P1D")
        Duration nearestWindow();

        /**
         * How long policy-service's "allowed" for (case, look-up, category) is relied on before it
         * is asked again; never beyond the case's validity. A case closed at policy-service takes
         * effect here within this time. Refusals are never remembered. PT0S asks every time.
         */
        @WithDefault("PT5S")
        Duration decisionTtl();

        /** The most (address, port, instant) tuples one bulk AP look-up may carry (a disclosure order's list). */
        @WithDefault("1000")
        int maxBulkTuples();

        /**
         * A bulk look-up commits the audit entries of this many tuples at once (one durable commit
         * instead of one per tuple), then sends their answers: nothing is answered unaudited.
         */
        @WithDefault("100")
        int bulkCommitEvery();
    }

    interface Purge {
        /** A plan older than this (asOf vs. this service's clock) is refused: deletion needs a fresh plan. */
        @WithDefault("PT15M")
        Duration maxPlanAge();

        /**
         * Ask policy-service, before each deleting transaction commits, whether any hold changed
         * since the plan; if so, or if it cannot answer, stop and delete nothing more.
         */
        @WithDefault("true")
        boolean confirmHoldsUnchanged();
    }
}
