package hozon.ingest.client;

import hozon.problem.PeerFailure;
import hozon.ingest.store.RecordKind;
import hozon.problem.Problem;
import hozon.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The log categories registered at policy-service, which alone may be stored. Fetched every
 * {@code hozon.ingest.categories.refresh} and persisted in {@code category_cache}, so that
 * ingest keeps accepting while policy-service is down, also after a restart of ingest-service.
 * Only a service that never reached policy-service and has no persisted copy refuses (503).
 */
@ApplicationScoped
public class CategoryCache {

    private static final Logger LOG = Logger.getLogger(CategoryCache.class);

    @Inject
    PolicyGateway policy;

    @Inject
    AgroalDataSource dataSource;

    private volatile Map<String, String> known = Map.of();

    void onStart(@Observes StartupEvent e) {
        try {
            known = load();
        } catch (SQLException ex) {
            LOG.warn("category cache could not be read; waiting for policy-service", ex);
        }
    }

    @Scheduled(every = "${hozon.ingest.categories.refresh:PT1M}", delay = 1,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        refresh();
    }

    /** @return whether policy-service answered */
    public boolean refresh() {
        List<PolicyGateway.Category> fetched;
        try {
            fetched = policy.categories();
        } catch (RuntimeException e) {
            LOG.debugf("categories not refreshed (%s); keeping %d cached", PeerFailure.describe("policy-service", e),
                    known.size());
            return false;
        }
        Map<String, String> fresh = fetched.stream()
                .collect(Collectors.toMap(PolicyGateway.Category::code, c -> String.valueOf(c.actor()), (a, b) -> a));
        if (!fresh.equals(known)) {
            try {
                persist(fresh);
            } catch (SQLException | RuntimeException ex) {
                LOG.warn("category cache could not be persisted", ex);
            }
            LOG.infof("categories from policy-service: %s", fresh.keySet());
        }
        known = fresh;
        return true;
    }

    /** Refuses a record kind whose category is not registered at policy-service (or not known yet). */
    public void require(RecordKind kind) {
        Map<String, String> k = known;
        if (k.isEmpty() && !refresh()) {
            throw new ProblemException(new Problem("categories-unknown", "Categories not yet known", 503,
                    "The registered log categories could not be fetched from policy-service yet; nothing was stored")
                    .with("retryAfterSeconds", 30));
        }
        if (!known.containsKey(kind.category())) {
            throw new ProblemException(new Problem("category-not-registered", "Category not registered", 422,
                    "Category " + kind.category() + " is not registered at policy-service, so nothing of it may be"
                            + " stored").with("category", kind.category()));
        }
    }

    private Map<String, String> load() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select code, actor from category_cache")) {
            Map<String, String> m = new java.util.HashMap<>();
            while (rs.next()) {
                m.put(rs.getString(1), rs.getString(2));
            }
            return Map.copyOf(m);
        }
    }

    /** Self-invoked (ArC intercepts a bean's own non-private methods): one transaction. */
    @Transactional(rollbackOn = SQLException.class)
    void persist(Map<String, String> categories) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement del = c.createStatement();
                PreparedStatement ins = c.prepareStatement(
                        "insert into category_cache (code, actor, fetched_at) values (?, ?, now())")) {
            del.execute("delete from category_cache");
            for (Map.Entry<String, String> e : categories.entrySet()) {
                ins.setString(1, e.getKey());
                ins.setString(2, e.getValue());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }
}
