package hozon.ingest.attribution;

import hozon.ingest.attribution.RuleSets.DcgnSpec;
import hozon.ingest.attribution.RuleSets.MapERuleSpec;
import hozon.ingest.attribution.RuleSets.Mechanism;
import hozon.ingest.attribution.RuleSets.NewRuleSet;
import hozon.ingest.attribution.RuleSets.RuleSet;
import hozon.problem.Problem;
import hozon.problem.Problem.FieldError;
import hozon.problem.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a rule set must satisfy before it is stored, as plain Java: every parameter present and
 * consistent (RFC 7597 §5 for MAP-E, RFC 7422 §2 for deterministic CGN, exact, never rounded),
 * its rules not overlapping each other, and no other rule set in force at the same instant
 * claiming the same IPv4 addresses. Also the versions' effective ends.
 */
public final class RuleSetValidator {

    private RuleSetValidator() {
    }

    static <T> List<T> specs(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    /** Every violated constraint, each naming its field; empty when the rule set may be stored. */
    public static List<FieldError> validate(NewRuleSet r) {
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

    /** Refuses (409) a rule set that would claim IPv4 addresses another one in force at the same time claims. */
    public static void checkNoOverlap(RuleSet candidate, List<RuleSet> all) {
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

    private static List<RuleSet> withEffectiveEnds(List<RuleSet> all, RuleSet extra) {
        List<RuleSet> l = new ArrayList<>(all);
        l.add(extra);
        return effective(l);
    }

    /** Sets each version's inForceUntil: the earlier of its validTo and the next version's validFrom. */
    public static List<RuleSet> effective(List<RuleSet> sets) {
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

}
