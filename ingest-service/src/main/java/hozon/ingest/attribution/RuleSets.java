package hozon.ingest.attribution;

import hozon.problem.Problem;
import hozon.problem.Problem.FieldError;
import hozon.problem.ProblemException;
import hozon.security.CurrentUser;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Attribution rule sets (MAP-E rules, deterministic-CGN configurations): validated on load,
 * stored append-only, versioned per name. Version v is in force on [valid_from, min(valid_to,
 * valid_from of v + 1)). No two rule sets in force at the same instant may claim the same public
 * IPv4 address (so never the same (IPv4, PSID) or (IPv4, port)).
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

        DeterministicCgn.Ports ports() {
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
                out.add(range(r.ruleIpv4Prefix()));
            }
            for (DcgnSpec d : deterministicCgn) {
                out.add(new long[] {MapERule.ipv4(d.outsideFirst()).longValue(), MapERule.ipv4(d.outsideLast()).longValue()});
            }
            return out;
        }

        public List<MapERule> mapE() {
            return mapERules.stream().map(RuleSets::rule).toList();
        }

        public List<DeterministicCgn> dcgn() {
            return deterministicCgn.stream().map(d -> new DeterministicCgn(d.insideFirst(), d.insideLast(),
                    d.outsideFirst(), d.outsideLast(), d.compression(), d.reservedPorts(), d.portsPerHost())).toList();
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CurrentUser user;

    @Inject
    Clock clock;

    public RuleSet create(NewRuleSet r) throws SQLException {
        List<FieldError> errors = validate(r);
        if (!errors.isEmpty()) {
            throw new ProblemException(new Problem("invalid-rule-set", "Invalid rule set", 400,
                    errors.size() + " constraint(s) violated; nothing was stored").withErrors(errors));
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("lock table attribution_rule_set in exclusive mode")) {
                    lock.execute();
                }
                List<RuleSet> all = load(c);
                int version = all.stream().filter(s -> s.name().equals(r.name())).mapToInt(RuleSet::version).max().orElse(0) + 1;
                all.stream().filter(s -> s.name().equals(r.name()) && !r.validFrom().isAfter(s.validFrom())).findFirst()
                        .ifPresent(s -> {
                            throw ProblemException.conflict("rule-set-version-order", "Version " + version + " of " + r.name()
                                    + " must start after version " + s.version() + " (valid from " + s.validFrom() + ")");
                        });
                UUID id = UUID.randomUUID();
                RuleSet candidate = new RuleSet(id, r.name(), version, r.mechanism(), r.validFrom(), r.validTo(),
                        r.validTo(), r.provenance(), r.provenanceNote(), user.name(), clock.instant(), specs(r.mapERules()),
                        specs(r.deterministicCgn()));
                checkNoOverlap(candidate, all);
                insert(c, candidate);
                c.commit();
                cache = null;
                return get(id);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static <T> List<T> specs(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    private static List<FieldError> validate(NewRuleSet r) {
        List<FieldError> e = new ArrayList<>();
        if (r.name() == null || !r.name().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            e.add(FieldError.of("name", "1-100 letters, digits, '.', '_' or '-'"));
        }
        if (r.mechanism() == null) {
            e.add(FieldError.of("mechanism", "is required: MAP_E or DETERMINISTIC_CGN"));
        }
        if (r.validFrom() == null) {
            e.add(FieldError.of("validFrom", "is required"));
        } else if (r.validTo() != null && !r.validTo().isAfter(r.validFrom())) {
            e.add(FieldError.of("validTo", "must be after validFrom (validity is half-open: [validFrom, validTo))"));
        }
        if (r.provenance() == null) {
            e.add(FieldError.of("provenance", "is required: OPERATOR_CONFIGURATION, DHCPV6_CAPTURE or OTHER"));
        }
        if (r.provenanceNote() == null || r.provenanceNote().isBlank() || r.provenanceNote().length() > 2000) {
            e.add(FieldError.of("provenanceNote", "is required (where these parameters come from), at most 2000 characters"));
        }
        List<MapERuleSpec> rules = specs(r.mapERules());
        List<DcgnSpec> dcgn = specs(r.deterministicCgn());
        if (r.mechanism() == Mechanism.MAP_E && (rules.isEmpty() || !dcgn.isEmpty())) {
            e.add(FieldError.of("mapERules", "a MAP_E rule set carries one or more mapERules and no deterministicCgn"));
        }
        if (r.mechanism() == Mechanism.DETERMINISTIC_CGN && (dcgn.isEmpty() || !rules.isEmpty())) {
            e.add(FieldError.of("deterministicCgn", "a DETERMINISTIC_CGN rule set carries one or more deterministicCgn"
                    + " configurations and no mapERules"));
        }
        List<long[]> ranges = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            MapERuleSpec s = rules.get(i);
            String v;
            try {
                String missing = missing("ruleIpv6Prefix", s.ruleIpv6Prefix(), "ruleIpv4Prefix", s.ruleIpv4Prefix(),
                        "eaBitsLength", s.eaBitsLength(), "psidOffset", s.psidOffset(), "psidLength", s.psidLength());
                v = missing != null ? missing
                        : MapERule.violation(addr(s.ruleIpv6Prefix()), len(s.ruleIpv6Prefix()), addr(s.ruleIpv4Prefix()),
                                len(s.ruleIpv4Prefix()), s.eaBitsLength(), s.psidOffset(), s.psidLength());
            } catch (IllegalArgumentException ex) {
                v = ex.getMessage();
            }
            if (v != null) {
                e.add(new FieldError(i, "mapERules[" + i + "]", v));
            } else {
                ranges.add(range(s.ruleIpv4Prefix()));
            }
        }
        for (int i = 0; i < dcgn.size(); i++) {
            DcgnSpec d = dcgn.get(i);
            String missing = missing("insideFirst", d.insideFirst(), "insideLast", d.insideLast(), "outsideFirst",
                    d.outsideFirst(), "outsideLast", d.outsideLast(), "compression", d.compression(), "reservedPorts",
                    d.reservedPorts());
            String v = missing != null ? missing
                    : !DeterministicCgn.ALGORITHM.equals(d.algorithm()) ? "algorithm must be " + DeterministicCgn.ALGORITHM
                    : d.ports().refusal() != null ? d.ports().refusal()
                    : DeterministicCgn.violation(d.insideFirst(), d.insideLast(), d.outsideFirst(), d.outsideLast(),
                            d.compression(), d.reservedPorts(), d.ports().perHost());
            if (v != null) {
                e.add(new FieldError(i, "deterministicCgn[" + i + "]", v));
            } else {
                ranges.add(new long[] {MapERule.ipv4(d.outsideFirst()).longValue(), MapERule.ipv4(d.outsideLast()).longValue()});
            }
        }
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = i + 1; j < ranges.size(); j++) {
                if (overlap(ranges.get(i), ranges.get(j))) {
                    e.add(FieldError.of("(rules)", "rules " + i + " and " + j + " of this set claim the same IPv4 addresses"));
                }
            }
        }
        return e;
    }

    /** "psidOffset, psidLength required" for the named values that are null; null when none is. */
    private static String missing(Object... namesAndValues) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null) {
                names.add((String) namesAndValues[i]);
            }
        }
        return names.isEmpty() ? null : String.join(", ", names) + (names.size() == 1 ? " is" : " are") + " required";
    }

    private static void checkNoOverlap(RuleSet candidate, List<RuleSet> all) {
        Instant from = candidate.validFrom();
        Instant to = candidate.validTo();
        for (RuleSet other : withEffectiveEnds(all, candidate)) {
            if (other.name().equals(candidate.name())) {
                continue;
            }
            boolean timeOverlap = (other.inForceUntil() == null || from.isBefore(other.inForceUntil()))
                    && (to == null || other.validFrom().isBefore(to));
            if (!timeOverlap) {
                continue;
            }
            for (long[] a : candidate.ipv4Ranges()) {
                for (long[] b : other.ipv4Ranges()) {
                    if (overlap(a, b)) {
                        throw new ProblemException(new Problem("rule-set-overlap", "Rule sets overlap", 409,
                                "Rule set " + other.name() + " v" + other.version() + " is in force on part of ["
                                        + from + ", " + (to == null ? "∞" : to) + ") for IPv4 addresses " + MapERule.text4(
                                        Math.max(a[0], b[0])) + "…: two rules may never claim the same (IPv4, PSID) or"
                                        + " (IPv4, port) at the same instant").with("conflictsWith", other.id().toString()));
                    }
                }
            }
        }
    }

    private static boolean overlap(long[] a, long[] b) {
        return a[0] <= b[1] && b[0] <= a[1];
    }

    static long[] range(String cidr) {
        long base = MapERule.ipv4(addr(cidr)).longValue();
        int len = len(cidr);
        long size = 1L << (32 - len);
        return new long[] {base, base + size - 1};
    }

    private static String addr(String cidr) {
        int s = cidr.indexOf('/');
        if (s < 0) {
            throw new IllegalArgumentException("'" + cidr + "' needs a prefix length");
        }
        return cidr.substring(0, s);
    }

    private static int len(String cidr) {
        try {
            return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + cidr + "' has no valid prefix length");
        }
    }

    static MapERule rule(MapERuleSpec s) {
        return new MapERule(addr(s.ruleIpv6Prefix()), len(s.ruleIpv6Prefix()), addr(s.ruleIpv4Prefix()),
                len(s.ruleIpv4Prefix()), s.eaBitsLength(), s.psidOffset(), s.psidLength());
    }

    public List<RuleSet> list() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return load(c);
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
     * All versions as read at most {@link #CACHE_FOR} ago: look-ups do not pay three queries each.
     * A version published on this instance is seen at once; on other replicas within that time.
     */
    public List<RuleSet> cached() throws SQLException {
        Cached c = cache;
        if (c == null || clock.instant().isAfter(c.at().plus(CACHE_FOR))) {
            c = new Cached(clock.instant(), list());
            cache = c;
        }
        return c.sets();
    }

    private static final java.time.Duration CACHE_FOR = java.time.Duration.ofSeconds(10);

    private record Cached(Instant at, List<RuleSet> sets) {
    }

    private volatile Cached cache;

    private static List<RuleSet> withEffectiveEnds(List<RuleSet> all, RuleSet extra) {
        List<RuleSet> l = new ArrayList<>(all);
        l.add(extra);
        return effective(l);
    }

    /** Sets each version's inForceUntil: the earlier of its validTo and the next version's validFrom. */
    private static List<RuleSet> effective(List<RuleSet> sets) {
        List<RuleSet> sorted = new ArrayList<>(sets);
        sorted.sort(Comparator.comparing(RuleSet::name).thenComparingInt(RuleSet::version));
        List<RuleSet> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            RuleSet s = sorted.get(i);
            Instant until = s.validTo();
            if (i + 1 < sorted.size() && sorted.get(i + 1).name().equals(s.name())) {
                Instant next = sorted.get(i + 1).validFrom();
                until = until == null || next.isBefore(until) ? next : until;
            }
            out.add(new RuleSet(s.id(), s.name(), s.version(), s.mechanism(), s.validFrom(), s.validTo(), until,
                    s.provenance(), s.provenanceNote(), s.createdBy(), s.createdAt(), s.mapERules(), s.deterministicCgn()));
        }
        return out;
    }

    private static List<RuleSet> load(Connection c) throws SQLException {
        Map<UUID, List<MapERuleSpec>> rules = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select rule_set_id,"
                + " host(rule_ipv6_prefix) || '/' || masklen(rule_ipv6_prefix),"
                + " host(rule_ipv4_prefix) || '/' || masklen(rule_ipv4_prefix),"
                + " ea_bits_length, psid_offset, psid_length from map_e_rule order by rule_set_id, ordinal");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rules.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new MapERuleSpec(
                        rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getInt(6)));
            }
        }
        Map<UUID, List<DcgnSpec>> dcgn = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select rule_set_id, host(inside_first), host(inside_last),"
                + " host(outside_first), host(outside_last), compression, reserved_ports, dynamic_slots, dynamic_percent,"
                + " ports_per_host, algorithm from dcgn_config order by rule_set_id, ordinal");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                dcgn.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new DcgnSpec(
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getInt(7),
                        (Integer) rs.getObject(8), (Integer) rs.getObject(9), rs.getInt(10), rs.getString(11)));
            }
        }
        List<RuleSet> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, name, version, mechanism, valid_from, valid_to,"
                + " provenance, provenance_note, created_by, created_at from attribution_rule_set");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                OffsetDateTime to = rs.getObject(6, OffsetDateTime.class);
                out.add(new RuleSet(id, rs.getString(2), rs.getInt(3), Mechanism.valueOf(rs.getString(4)),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), to == null ? null : to.toInstant(), null,
                        Provenance.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9),
                        rs.getObject(10, OffsetDateTime.class).toInstant(), rules.getOrDefault(id, List.of()),
                        dcgn.getOrDefault(id, List.of())));
            }
        }
        return effective(out);
    }

    private static void insert(Connection c, RuleSet s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into attribution_rule_set (id, name, version, mechanism,"
                + " valid_from, valid_to, provenance, provenance_note, created_by, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, s.id());
            ps.setString(2, s.name());
            ps.setInt(3, s.version());
            ps.setString(4, s.mechanism().name());
            ps.setObject(5, utc(s.validFrom()));
            ps.setObject(6, s.validTo() == null ? null : utc(s.validTo()));
            ps.setString(7, s.provenance().name());
            ps.setString(8, s.provenanceNote());
            ps.setString(9, s.createdBy());
            ps.setObject(10, utc(s.createdAt()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into map_e_rule (rule_set_id, ordinal, rule_ipv6_prefix,"
                + " rule_ipv4_prefix, ea_bits_length, psid_offset, psid_length) values (?, ?, ?::cidr, ?::cidr, ?, ?, ?)")) {
            for (int i = 0; i < s.mapERules().size(); i++) {
                MapERuleSpec r = s.mapERules().get(i);
                ps.setObject(1, s.id());
                ps.setInt(2, i);
                ps.setString(3, r.ruleIpv6Prefix());
                ps.setString(4, r.ruleIpv4Prefix());
                ps.setInt(5, r.eaBitsLength());
                ps.setInt(6, r.psidOffset());
                ps.setInt(7, r.psidLength());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into dcgn_config (rule_set_id, ordinal, inside_first,"
                + " inside_last, outside_first, outside_last, compression, reserved_ports, dynamic_slots, dynamic_percent,"
                + " ports_per_host, algorithm) values (?, ?, ?::inet, ?::inet, ?::inet, ?::inet, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < s.deterministicCgn().size(); i++) {
                DcgnSpec d = s.deterministicCgn().get(i);
                ps.setObject(1, s.id());
                ps.setInt(2, i);
                ps.setString(3, d.insideFirst());
                ps.setString(4, d.insideLast());
                ps.setString(5, d.outsideFirst());
                ps.setString(6, d.outsideLast());
                ps.setInt(7, d.compression());
                ps.setInt(8, d.reservedPorts());
                ps.setObject(9, d.dynamicSlots(), java.sql.Types.INTEGER);
                ps.setObject(10, d.dynamicPercent(), java.sql.Types.INTEGER);
                ps.setInt(11, d.ports().perHost());
                ps.setString(12, d.algorithm());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
