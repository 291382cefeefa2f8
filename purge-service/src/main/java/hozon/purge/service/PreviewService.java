package hozon.purge.service;

import hozon.problem.ProblemException;
import hozon.purge.client.IngestGateway;
import hozon.problem.PeerFailure;
import hozon.purge.client.PurgePreview;
import hozon.purge.domain.AppliedPlan;
import hozon.purge.domain.PurgeRun;
import hozon.purge.rest.ComplianceView;
import hozon.purge.rest.PreviewView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The dry run ("what would go now") and the compliance view ("what is overdue, and by how long"). */
@ApplicationScoped
public class PreviewService {

    @Inject
    PurgeRunner runner;

    @Inject
    IngestGateway ingest;

    @Inject
    PurgeRunStore runs;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    private final Map<String, AtomicLong> lagGauges = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> overdueGauges = new ConcurrentHashMap<>();

    public PreviewView preview() {
        Computed c = compute();
        List<PreviewView.CategoryPreview> cats = new ArrayList<>();
        for (AppliedPlan.CategoryCut cut : c.plan.categories()) {
            PurgePreview.CategoryPreview p = c.byCategory.get(cut.category());
            cats.add(new PreviewView.CategoryPreview(cut.category(), cut.ruleVersion(), cut.period(), cut.planCutoff(),
                    cut.appliedCutoff(), p == null ? List.of() : p.partitionsToDrop(), p == null ? 0 : p.rowsDue(),
                    p == null ? 0 : p.rowsHeld()));
        }
        return new PreviewView(c.plan.asOf(), c.plan.digest(), c.plan.holdIds().size(), cats);
    }

    public ComplianceView compliance() {
        Computed c = compute();
        List<ComplianceView.CategoryCompliance> cats = new ArrayList<>();
        long worst = 0;
        for (AppliedPlan.CategoryCut cut : c.plan.categories()) {
            PurgePreview.CategoryPreview p = c.byCategory.get(cut.category());
            long overdue = p == null ? 0 : p.rowsDue();
            Instant oldest = p == null ? null : p.oldestDue();
            long lag = oldest == null ? 0 : Math.max(0, Duration.between(oldest, cut.appliedCutoff()).getSeconds());
            worst = Math.max(worst, lag);
            cats.add(new ComplianceView.CategoryCompliance(cut.category(), cut.ruleVersion(), cut.period(),
                    cut.appliedCutoff(), overdue, oldest, lag, p == null ? 0 : p.rowsHeld()));
            gauge(lagGauges, "hozon_purge_lag_seconds", cut.category()).set(lag);
            gauge(overdueGauges, "hozon_records_overdue", cut.category()).set(overdue);
        }
        PurgeRun last = runs.lastSucceeded();
        return new ComplianceView(c.plan.asOf(), worst, cats,
                last == null ? null : last.id, last == null ? null : last.finishedAt, c.plan.holdIds().size());
    }

    private record Computed(AppliedPlan plan, Map<String, PurgePreview.CategoryPreview> byCategory) {
    }

    private Computed compute() {
        Instant now = clock.instant();
        AppliedPlan plan;
        try {
            plan = runner.currentPlan(now);
        } catch (RuntimeException e) {
            throw ProblemException.unavailable("policy-unavailable",
                    PeerFailure.describe("policy-service", e) + "; no plan, nothing counted");
        }
        PurgePreview preview;
        try {
            preview = ingest.preview(plan.toOrder(UUID.randomUUID()));
        } catch (RuntimeException e) {
            throw ProblemException.unavailable("ingest-unavailable",
                    PeerFailure.describe("ingest-service", e) + "; nothing counted");
        }
        return new Computed(plan, preview.categories().stream()
                .collect(Collectors.toMap(PurgePreview.CategoryPreview::category, Function.identity())));
    }

    private AtomicLong gauge(Map<String, AtomicLong> gauges, String name, String category) {
        return gauges.computeIfAbsent(category, c -> {
            AtomicLong v = new AtomicLong();
            Gauge.builder(name, v, AtomicLong::get).tag("category", c).description(name.endsWith("_seconds")
                    ? "How long the oldest overdue record of the category has been past its applied cutoff"
                    : "Records past their category's applied cutoff, not held, still stored").register(metrics);
            return v;
        });
    }
}
