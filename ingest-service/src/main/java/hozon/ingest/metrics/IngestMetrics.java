package hozon.ingest.metrics;

import hozon.ingest.config.IngestConfig;
import hozon.ingest.store.RecordKind;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * ingest-service's metrics: records accepted and refused (by feed, category, reason), stored
 * volume per category, when each NAS and CGN device last sent something (feed silence), and
 * look-ups (latency histogram, outcome, refusal reason). Labels are infrastructure names and
 * bounded codes only — never a subscriber, account, address or case. Device labels are capped
 * (hozon.ingest.metrics.max-devices): past the cap a device is counted as "other", so a feed
 * sending random NAS names cannot exhaust the scrape.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class IngestMetrics {

    private static final Logger LOG = Logger.getLogger(IngestMetrics.class);

    /** The feeds, as metric label values. */
    public static final String AP_SESSIONS = "ap-sessions";
    public static final String PORT_BLOCKS = "port-blocks";
    public static final String CP_EVENTS = "cp-events";
    public static final String RADIUS = "radius";

    @Inject
    MeterRegistry registry;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    private final Map<String, AtomicLong> lastSeen = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> stored = new ConcurrentHashMap<>();
    private final AtomicLong refreshedAt = new AtomicLong();
    private final AtomicLong silenceThreshold = new AtomicLong();

    @PostConstruct
    void register() {
        silenceThreshold.set(config.metrics().feedSilence().getSeconds());
        Gauge.builder("hozon_ingest_feed_silence_threshold_seconds", silenceThreshold, AtomicLong::get)
                .description("After this long without a record from a device, its feed counts as silent").register(registry);
        Gauge.builder("hozon_ingest_metrics_refreshed_timestamp_seconds", refreshedAt, AtomicLong::get)
                .description("When the stored-volume gauges were last recomputed (Unix time)").register(registry);
        Counter.builder("hozon_ingest_key_store_failures_total")
                .description("Requests refused because the key store could not give a key").register(registry);
        // The series a dashboard and the alerts query exist from the start, at zero.
        records(AP_SESSIONS, RecordKind.AP_SESSION.category(), "stored");
        records(RADIUS, RecordKind.AP_SESSION.category(), "accepted");
        records(PORT_BLOCKS, RecordKind.AP_PORT_BLOCK.category(), "stored");
        records(CP_EVENTS, RecordKind.CP_POST.category(), "stored");
        for (String feed : new String[] {AP_SESSIONS, PORT_BLOCKS, CP_EVENTS, RADIUS}) {
            refusals(feed, "none");
        }
        for (String kind : new String[] {"AP_ADDRESS", "CP_POST"}) {
            lookups(kind, "ANSWERED", "none");
            lookupTimer(kind);
        }
    }

    private Counter records(String feed, String category, String outcome) {
        return Counter.builder("hozon_ingest_records_total")
                .description("Records received by feed and category: stored, duplicate (a retransmit) or refused")
                .tag("feed", feed).tag("category", category).tag("outcome", outcome).register(registry);
    }

    private Counter refusals(String feed, String reason) {
        return Counter.builder("hozon_ingest_refusals_total")
                .description("Ingest requests refused, by feed and problem type (the records refused are counted in"
                        + " hozon_ingest_records_total{outcome=\"refused\"})")
                .tag("feed", feed).tag("reason", reason).register(registry);
    }

    private Counter lookups(String kind, String outcome, String reason) {
        return Counter.builder("hozon_lookups_total").description("Look-ups by kind, outcome and refusal reason")
                .tag("kind", kind).tag("outcome", outcome).tag("reason", reason).register(registry);
    }

    private Timer lookupTimer(String kind) {
        return Timer.builder("hozon_lookup_duration").description("Look-up latency through the service")
                .tag("kind", kind).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    /** A write's outcome: how many were stored and how many were retransmits. */
    public void written(String feed, String category, int stored, int duplicates) {
        if (stored > 0) {
            records(feed, category, "stored").increment(stored);
        }
        if (duplicates > 0) {
            records(feed, category, "duplicate").increment(duplicates);
        }
    }

    /** A packet acknowledged (RADIUS: a Start, Interim-Update or Stop applied to the session state). */
    public void accepted(String feed, String category) {
        records(feed, category, "accepted").increment();
    }

    /** A request refused: its problem type, and how many records it refused. */
    public void refused(String feed, String category, String reason, int records) {
        refusals(feed, reason).increment();
        if (records > 0) {
            records(feed, category, "refused").increment(records);
        }
    }

    /** A NAS or CGN device sent a record now. */
    public void seen(String feed, String device) {
        if (device == null || device.isBlank()) {
            return;
        }
        String key = feed + '\u0000' + device;
        AtomicLong at = lastSeen.get(key);
        if (at == null) {
            if (lastSeen.size() >= config.metrics().maxDevices()) {
                key = feed + '\u0000' + "other";
                device = "other";
            }
            final String label = device;
            at = lastSeen.computeIfAbsent(key, k -> {
                AtomicLong v = new AtomicLong();
                Gauge.builder("hozon_ingest_last_record_timestamp_seconds", v, AtomicLong::get)
                        .description("When this device's feed last delivered a record (Unix time, receipt)")
                        .tag("feed", feed).tag("device", label).register(registry);
                return v;
            });
        }
        at.set(clock.instant().getEpochSecond());
    }

    /** A look-up ended. */
    public void lookup(String kind, String outcome, String reason, long nanos) {
        lookups(kind, outcome, reason == null ? "none" : reason).increment();
        lookupTimer(kind).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Scheduled(identity = "ingest-metrics", every = "${hozon.ingest.metrics.interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            refresh();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("stored-volume gauges not refreshed: %s", e.getClass().getSimpleName());
        }
    }

    /** Stored records per category, from the per-hour counters the writes keep (exact, cheap). */
    public void refresh() throws SQLException {
        Map<String, Long> now = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select category, coalesce(sum(records), 0) from stored_volume group by category");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                now.put(rs.getString(1), rs.getLong(2));
            }
        }
        // A category whose last records went has no counter rows any more: it reads 0, not its last value.
        for (String category : java.util.stream.Stream.concat(now.keySet().stream(), stored.keySet().stream())
                .distinct().toList()) {
            stored.computeIfAbsent(category, k -> {
                AtomicLong v = new AtomicLong();
                Gauge.builder("hozon_ingest_stored_records", v, AtomicLong::get)
                        .description("Records stored now (live or preserved), per category").tag("category", k)
                        .register(registry);
                return v;
            }).set(now.getOrDefault(category, 0L));
        }
        refreshedAt.set(clock.instant().getEpochSecond());
    }
}
