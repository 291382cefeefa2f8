package hozon.ingest.attribution;

import hozon.ingest.rest.LookupRequests;
import hozon.ingest.store.IntervalTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AP attribution where no NAT log exists (issue #9): for a public IPv4 address, the MAP-E rules
 * and deterministic-CGN configurations in force at the instant are applied, and the sessions
 * they lead to are added to the answer with the whole derivation as proof. MAP-E: (IPv4, port)
 * → PSID → EA bits → end-user IPv6 prefix → the session whose delegated or framed prefix covers
 * it. Without a port, every session under one of the address's 2^k prefixes is listed and the
 * answer is ambiguous — none is picked. Deterministic CGN: (outside, port) → slot → inside
 * address → its session; ports in the dynamic pool are answered from the logged port blocks.
 */
@ApplicationScoped
public class Attribution {

    @Inject
    RuleSets ruleSets;

    /**
     * Runs a session query on one of the places sessions are kept (without the time window, which
     * the caller adds for that place) and adds what it finds.
     */
    @FunctionalInterface
    public interface SessionQuery {
        void run(IntervalTable table, String sql, List<Object> params, Map<String, Object> proof) throws SQLException;
    }

    /** @return why the question cannot be answered (a port no customer owns), or null */
    public String derive(String ip, Integer port, Instant t, Duration tolerance,
            List<LookupRequests.ApCandidate> found, List<Map<String, Object>> derivations, List<String> notes,
            SessionQuery sessions, String columns) throws SQLException {
        for (RuleSets.RuleSet set : ruleSets.inForce(t)) {
            nearChange(set, t, tolerance, ip, notes);
            for (MapERule rule : set.mapE()) {
                if (!rule.covers(ip)) {
                    continue;
                }
                Map<String, Object> proof = header(set);
                proof.put("parameters", Map.of("ruleIpv6Prefix", rule.ipv6Prefix() + "/" + rule.n(), "ruleIpv4Prefix",
                        rule.ipv4Prefix() + "/" + rule.r(), "eaBitsLength", rule.eaBits(), "psidOffset", rule.psidOffset(),
                        "psidLength", rule.psidLength(), "portsPerCustomer", rule.portsPerCe(),
                        "endUserPrefixLength", rule.endUserPrefixLength()));
                proof.put("ipv4", ip);
                int before = found.size();
                if (port != null || !rule.shared()) {
                    // Not shared (k = 0): the whole address, every port, belongs to one CE (PSID 0).
                    int p = port == null ? 0 : port;
                    if (rule.excluded(p)) {
                        return "port " + port + " lies in MAP-E rule set " + set.name() + " v" + set.version()
                                + "'s excluded range 0-" + ((1 << (16 - rule.psidOffset())) - 1) + " (PSID offset a = "
                                + rule.psidOffset() + ", A = 0): no customer owns it (RFC 7597 §5.1)";
                    }
                    int psid = rule.psidOf(p);
                    String prefix = rule.endUserPrefix(ip, psid);
                    if (port != null) {
                        proof.put("port", port);
                    }
                    proof.put("psid", psid);
                    proof.put("eaBits", binary(rule.eaBitsOf(ip, psid), rule.eaBits()));
                    proof.put("endUserPrefix", prefix);
                    List<int[]> ranges = rule.portRanges(psid);
                    int[] containing = ranges.stream().filter(r -> p >= r[0] && p <= r[1]).findFirst().orElseThrow();
                    proof.put("portSet", Map.of("ranges", ranges.size(), "portsEach", containing[1] - containing[0] + 1,
                            "first", List.of(ranges.get(0)[0], ranges.get(0)[1]), "containingPort",
                            List.of(containing[0], containing[1])));
                    for (IntervalTable table : IntervalTable.SESSIONS) {
                        sessions.run(table, "select 0, 'MAP_E', " + columns + " from " + table.relation()
                                + " where assigned_ip >>= ?::inet", List.of(prefix), proof);
                    }
                } else {
                    int coverLength = rule.endUserPrefixLength() - rule.psidLength();
                    String cover = rule.endUserPrefix(ip, 0).replaceAll("/\\d+$", "/" + coverLength);
                    proof.put("ambiguous", true);
                    proof.put("candidatePrefixes", 1 << rule.psidLength());
                    proof.put("sharedPrefix", cover);
                    for (IntervalTable table : IntervalTable.SESSIONS) {
                        sessions.run(table, "select 0, 'MAP_E', " + columns + " from " + table.relation()
                                + " where assigned_ip <<= ?::inet", List.of(cover), proof);
                    }
                    notes.add("MAP-E address " + ip + " without a port: " + (1 << rule.psidLength()) + " customers share"
                            + " it (one per PSID); every session under " + cover + " is listed and none is picked");
                }
                proof.put("matchCount", found.size() - before);
                derivations.add(proof);
            }
            for (DeterministicCgn cgn : set.dcgn()) {
                if (!cgn.coversOutside(ip)) {
                    continue;
                }
                Map<String, Object> proof = header(set);
                proof.put("parameters", Map.of("insideRange", cgn.insideFirst() + "-" + cgn.insideLast(), "outsideRange",
                        cgn.outsideFirst() + "-" + cgn.outsideLast(), "compression", cgn.compression(), "reservedPorts",
                        cgn.reservedPorts(), "portsPerHost", cgn.portsPerHost(), "dynamicPoolFrom", cgn.dynamicPoolFrom(),
                        "algorithm", DeterministicCgn.ALGORITHM));
                proof.put("outside", ip);
                int before = found.size();
                List<DeterministicCgn.Host> hosts = new ArrayList<>();
                if (port != null) {
                    proof.put("port", port);
                    DeterministicCgn.Slot slot = cgn.slotOf(ip, port);
                    if (slot instanceof DeterministicCgn.Host h) {
                        hosts.add(h);
                    } else if (slot instanceof DeterministicCgn.DynamicPool) {
                        proof.put("slot", "DYNAMIC_POOL");
                        notes.add("port " + port + " is in the deterministic CGN's dynamic pool: answered from the logged"
                                + " port blocks only");
                    } else {
                        proof.put("slot", slot instanceof DeterministicCgn.Reserved ? "RESERVED" : "UNUSED");
                        notes.add("port " + port + " belongs to no inside host under " + set.name() + " v" + set.version());
                    }
                } else {
                    hosts.addAll(cgn.hostsOf(ip));
                    proof.put("ambiguous", true);
                    notes.add("deterministic CGN address " + ip + " without a port: its " + hosts.size()
                            + " inside hosts are listed and none is picked");
                }
                List<Map<String, Object>> inside = new ArrayList<>();
                for (DeterministicCgn.Host h : hosts) {
                    inside.add(Map.of("slot", h.slot(), "ports", List.of(h.firstPort(), h.lastPort()), "inside", h.inside()));
                }
                proof.put("insideHosts", inside);
                for (DeterministicCgn.Host h : hosts) {
                    for (IntervalTable table : IntervalTable.SESSIONS) {
                        sessions.run(table, "select 0, 'DETERMINISTIC_CGN', " + columns + " from " + table.relation()
                                + " where assigned_ip >>= ?::inet", List.of(h.inside()), proof);
                    }
                }
                proof.put("matchCount", found.size() - before);
                derivations.add(proof);
            }
        }
        return null;
    }

    private static Map<String, Object> header(RuleSets.RuleSet set) {
        Map<String, Object> proof = new LinkedHashMap<>();
        proof.put("mechanism", set.mechanism().name());
        Map<String, Object> rs = new LinkedHashMap<>();
        rs.put("id", set.id().toString());
        rs.put("name", set.name());
        rs.put("version", set.version());
        rs.put("validFrom", set.validFrom().toString());
        rs.put("inForceUntil", set.inForceUntil() == null ? null : set.inForceUntil().toString());
        rs.put("provenance", set.provenance().name());
        proof.put("ruleSet", rs);
        return proof;
    }

    private static void nearChange(RuleSets.RuleSet set, Instant t, Duration tol, String ip, List<String> notes) {
        boolean nearStart = Duration.between(set.validFrom(), t).abs().compareTo(tol) <= 0;
        boolean nearEnd = set.inForceUntil() != null && Duration.between(t, set.inForceUntil()).abs().compareTo(tol) <= 0;
        if (nearStart || nearEnd) {
            notes.add("the instant is within the clock tolerance of a change of rule set " + set.name() + " (v"
                    + set.version() + " in force " + set.validFrom() + " – " + (set.inForceUntil() == null ? "open"
                    : set.inForceUntil()) + "): the neighbouring version may apply");
        }
    }

    private static String binary(long v, int bits) {
        StringBuilder sb = new StringBuilder(Long.toBinaryString(v));
        while (sb.length() < bits) {
            sb.insert(0, '0');
        }
        return sb.toString();
    }
}
