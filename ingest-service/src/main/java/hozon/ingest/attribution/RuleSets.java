package hozon.ingest.attribution;

import hozon.ingest.config.IngestConfig;
import hozon.ingest.store.RuleSetStore;
import hozon.problem.Problem;
import hozon.problem.Problem.FieldError;
import hozon.problem.ProblemException;
import hozon.security.CurrentUser;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Attribution rule sets (MAP-E rules, deterministic-CGN configurations): the use case that
 * publishes a version (validated by {@link RuleSetValidator}, stored append-only by
 * {@link RuleSetStore}, versioned per name) and the cache look-ups read them from. Version v is
 * in force on [valid_from, min(valid_to, valid_from of v + 1)). No two rule sets in force at the
 * same instant may claim the same public IPv4 address (so never the same (IPv4, PSID) or
 * (IPv4, port)).
 */
@ApplicationScoped
public class RuleSets {

    public enum Mechanism { MAP_E, DETERMINISTIC_CGN }

    public enum Provenance { OPERATOR_CONFIGURATION, DHCPV6_CAPTURE, OTHER }

    public record MapERuleSpec(String ruleIpv6Prefix, String ruleIpv4Prefix, Integer eaBitsLength, Integer psidOffset,
            Integer psidLength) {
    }

    /**
     * A deterministic CGN configuration as published: ports per host either as the device sets
     * it ({@code portsPerHost}) or from RFC 7422's D ({@code dynamicSlots}) or a pool share
     * ({@code dynamicPercent}) — one of them; stored and answered with {@code portsPerHost}
     * resolved exactly.
     */
    public record DcgnSpec(String insideFirst, String insideLast, String outsideFirst, String outsideLast,
            Integer compression, Integer reservedPorts, Integer dynamicSlots, Integer dynamicPercent, Integer portsPerHost,
            String algorithm) {

        public DeterministicCgn.Ports ports() {
            return DeterministicCgn.portsPerHost(compression, reservedPorts, dynamicSlots, dynamicPercent, portsPerHost);
        }
    }

    public record NewRuleSet(String name, Mechanism mechanism, Instant validFrom, Instant validTo, Provenance provenance,
            String provenanceNote, List<MapERuleSpec> mapERules, List<DcgnSpec> deterministicCgn) {
    }

    /** A stored version, with the end of its force as the versions after it make it. */
    public record RuleSet(UUID id, String name, int version, Mechanism mechanism, Instant validFrom, Instant validTo,
            Instant inForceUntil, Provenance provenance, String provenanceNote, String createdBy, Instant createdAt,
            List<MapERuleSpec> mapERules, List<DcgnSpec> deterministicCgn) {

        public boolean inForceAt(Instant t) {
            return !t.isBefore(validFrom) && (inForceUntil == null || t.isBefore(inForceUntil));
        }

        List<long[]> ipv4Ranges() {
            List<long[]> out = new ArrayList<>();
            for (MapERuleSpec r : mapERules) {
                out.add(RuleSetValidator.range(r.ruleIpv4Prefix()));
            }
            for (DcgnSpec d : deterministicCgn) {
                out.add(new long[] {MapERule.ipv4(d.outsideFirst()).longValue(), MapERule.ipv4(d.outsideLast()).longValue()});
            }
            return out;
        }

        public List<MapERule> mapE() {
            return mapERules.stream().map(RuleSetValidator::rule).toList();
        }

        public List<DeterministicCgn> dcgn() {
            return deterministicCgn.stream().map(d -> new DeterministicCgn(d.insideFirst(), d.insideLast(),
                    d.outsideFirst(), d.outsideLast(), d.compression(), d.reservedPorts(), d.portsPerHost())).toList();
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RuleSetStore store;

    @Inject
    IngestConfig config;

    @Inject
    CurrentUser user;

    @Inject
    Clock clock;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Transactional(rollbackOn = SQLException.class)
    public RuleSet create(NewRuleSet r) throws SQLException {
        List<FieldError> errors = RuleSetValidator.validate(r);
        if (!errors.isEmpty()) {
            throw new ProblemException(new Problem("invalid-rule-set", "Invalid rule set", 400,
                    errors.size() + " constraint(s) violated; nothing was stored").withErrors(errors));
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("lock table attribution_rule_set in exclusive mode")) {
                lock.execute();
            }
            List<RuleSet> all = RuleSetValidator.effective(store.load(c));
            int version = all.stream().filter(s -> s.name().equals(r.name())).mapToInt(RuleSet::version).max().orElse(0) + 1;
            all.stream().filter(s -> s.name().equals(r.name()) && !r.validFrom().isAfter(s.validFrom())).findFirst()
                    .ifPresent(s -> {
                        throw ProblemException.conflict("rule-set-version-order", "Version " + version + " of " + r.name()
                                + " must start after version " + s.version() + " (valid from " + s.validFrom() + ")");
                    });
            UUID id = UUID.randomUUID();
            RuleSet candidate = new RuleSet(id, r.name(), version, r.mechanism(), r.validFrom(), r.validTo(),
                    r.validTo(), r.provenance(), r.provenanceNote(), user.name(), clock.instant(),
                    RuleSetValidator.specs(r.mapERules()), RuleSetValidator.specs(r.deterministicCgn()));
            RuleSetValidator.checkNoOverlap(candidate, all);
            store.insert(c, candidate);
            // Forget the cached versions once the new one is visible to everyone (a read between
            // insert and commit would otherwise cache the old list again).
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    cache = null;
                }
            });
            return get(id);
        }
    }

    public List<RuleSet> list() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return RuleSetValidator.effective(store.load(c));
        }
    }

    public RuleSet get(UUID id) throws SQLException {
        return list().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Rule set", "No rule set " + id));
    }

    /** The rule sets in force at t. */
    public List<RuleSet> inForce(Instant t) throws SQLException {
        return cached().stream().filter(s -> s.inForceAt(t)).toList();
    }

    /**
     * All versions as read at most {@code hozon.ingest.attribution.cache-for} ago: look-ups do not pay three queries each.
     * A version published on this instance is seen at once; on other replicas within that time.
     */
    public List<RuleSet> cached() throws SQLException {
        Cached c = cache;
        if (c == null || clock.instant().isAfter(c.at().plus(config.attribution().cacheFor()))) {
            c = new Cached(clock.instant(), list());
            cache = c;
        }
        return c.sets();
    }

    private record Cached(Instant at, List<RuleSet> sets) {
    }

    private volatile Cached cache;

}
