package hozon.policy.service;

import hozon.policy.config.PolicyConfig;
import hozon.policy.domain.ApprovalRequest;
import hozon.policy.domain.Finding;
import hozon.policy.domain.GuidelineCheck;
import hozon.policy.domain.HoldType;
import hozon.policy.domain.LegalHold;
import hozon.policy.domain.LogCategory;
import hozon.policy.domain.RetentionRule;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Gauges of what policy-service decides, recomputed on a schedule (hozon.policy.metrics.interval)
 * so that an alert fires without anyone opening a report: holds in force by type, holds ending
 * within the configured horizon and the seconds until the soonest end, approvals waiting for a
 * second person, rule versions in force with Guideline findings. Counts only: no hold's
 * selectors, authority or case ever becomes a label.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class PolicyMetrics {

    private static final Logger LOG = Logger.getLogger(PolicyMetrics.class);

    @Inject
    MeterRegistry registry;

    @Inject
    PolicyConfig config;

    @Inject
    Clock clock;

    private final Map<HoldType, AtomicLong> inForce = new EnumMap<>(HoldType.class);
    private final Map<HoldType, AtomicLong> soonestEnd = new EnumMap<>(HoldType.class);
    private final AtomicLong endingSoon = new AtomicLong();
    private final AtomicLong approvalsPending = new AtomicLong();
    private final Map<Finding.Severity, AtomicLong> rulesWithFindings = new EnumMap<>(Finding.Severity.class);
    private final AtomicLong refreshedAt = new AtomicLong();

    @PostConstruct
    void register() {
        for (HoldType t : HoldType.values()) {
            inForce.put(t, gauge("hozon_holds_in_force", "Legal holds in force now, by type", "type", t.name()));
            soonestEnd.put(t, gauge("hozon_hold_soonest_end_seconds",
                    "Seconds until the soonest end of a hold in force of this type (-1: none with an end)", "type",
                    t.name()));
            soonestEnd.get(t).set(-1);
        }
        Gauge.builder("hozon_holds_ending_soon", endingSoon, AtomicLong::get)
                .description("Holds in force whose end falls within hozon.policy.metrics.ending-soon")
                .register(registry);
        Gauge.builder("hozon_approvals_pending", approvalsPending, AtomicLong::get)
                .description("Four-eyes requests waiting for a second person").register(registry);
        for (Finding.Severity s : Finding.Severity.values()) {
            rulesWithFindings.put(s, gauge("hozon_retention_rules_with_findings",
                    "Rule versions in force (one per category) with at least one Guideline finding of this severity",
                    "severity", s.name()));
        }
        Gauge.builder("hozon_policy_metrics_refreshed_timestamp_seconds", refreshedAt, AtomicLong::get)
                .description("When these gauges were last recomputed").baseUnit("seconds").register(registry);
    }

    private AtomicLong gauge(String name, String help, String tag, String value) {
        AtomicLong v = new AtomicLong();
        Gauge.builder(name, v, AtomicLong::get).description(help).tag(tag, value).register(registry);
        return v;
    }

    @Scheduled(every = "${hozon.policy.metrics.interval}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warnf("policy metrics not refreshed: %s", e.getClass().getSimpleName());
        }
    }

    @Transactional
    public void refresh() {
        Instant now = clock.instant();
        Duration horizon = config.metrics().endingSoon();
        Map<HoldType, Long> counts = new EnumMap<>(HoldType.class);
        Map<HoldType, Long> soonest = new EnumMap<>(HoldType.class);
        long ending = 0;
        for (LegalHold h : LegalHold.inForce(now)) {
            counts.merge(h.type, 1L, Long::sum);
            Instant end = h.endsAt;
            if (end != null) {
                long left = Math.max(0, Duration.between(now, end).getSeconds());
                soonest.merge(h.type, left, Math::min);
                if (!end.isAfter(now.plus(horizon))) {
                    ending++;
                }
            }
        }
        for (HoldType t : HoldType.values()) {
            inForce.get(t).set(counts.getOrDefault(t, 0L));
            soonestEnd.get(t).set(soonest.getOrDefault(t, -1L));
        }
        endingSoon.set(ending);
        approvalsPending.set(ApprovalRequest.count("status", ApprovalRequest.Status.PENDING));
        Map<String, RetentionRule> current = new HashMap<>();
        for (RetentionRule r : RetentionRule.<RetentionRule>list("status", RetentionRule.Status.ACTIVE)) {
            if (!r.effectiveFrom.isAfter(now)) {
                current.merge(r.categoryCode, r, (a, b) -> a.version >= b.version ? a : b);
            }
        }
        Map<Finding.Severity, Long> withFindings = new EnumMap<>(Finding.Severity.class);
        for (RetentionRule r : current.values()) {
            LogCategory c = LogCategory.findById(r.categoryCode);
            List<Finding> findings = GuidelineCheck.assess(r.categoryCode, c.actor, r.mode, r.retentionPeriod(),
                    r.justification, r.exceptional).findings();
            findings.stream().map(Finding::severity).distinct().forEach(s -> withFindings.merge(s, 1L, Long::sum));
        }
        for (Finding.Severity s : Finding.Severity.values()) {
            rulesWithFindings.get(s).set(withFindings.getOrDefault(s, 0L));
        }
        refreshedAt.set(now.getEpochSecond());
    }
}
