package hozon.ingest.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import hozon.ingest.client.CaseDecisions;
import hozon.ingest.client.PolicyClient;
import hozon.ingest.config.IngestConfig;
import hozon.ingest.rest.LookupRequests;
import hozon.ingest.store.IdentityCodec;
import hozon.ingest.store.IntervalTable;
import hozon.net.IpAddresses;
import hozon.problem.Problem;
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
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The disclosure chain's look-ups (R6), each only under a case policy-service allows now, each
 * audited without its results. Live and preserved records are both searched.
 */
@ApplicationScoped
public class LookupService {

    /** The look-ups' own pool (application.properties): generic plans, never starved by feeds. */
    @Inject
    @io.quarkus.agroal.DataSource("lookup")
    AgroalDataSource dataSource;

    @Inject
    CaseDecisions decisions;

    @Inject
    hozon.ingest.attribution.Attribution attribution;

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    @Inject
    CurrentUser user;

    @Inject
    IdentityCodec codec;

    @Inject
    ObjectMapper json;

    public LookupRequests.ApAnswer ap(LookupRequests.ApQuery q) throws SQLException {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("ip", q.ip());
        query.put("port", q.port());
        query.put("instant", q.instant().toInstant().toString());
        PolicyClient.CaseDecision basis = authorise(q.caseId(), "AP_ADDRESS", "ap.connection-auth", query);
        if (IpAddresses.parseAddress(q.ip()) == null) {
            throw ProblemException.invalid("ip must be an IPv4 or IPv6 address", Problem.FieldError.of("ip", "not an address"));
        }
        Instant t = q.instant().toInstant();
        Duration tol = config.lookup().clockTolerance();
        IntervalTable.Window window = new IntervalTable.Window(t.minus(tol), t.plus(tol));
        List<LookupRequests.ApCandidate> found = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Map<String, Object>> derivations = new ArrayList<>();
        boolean expired;
        try (Connection c = dataSource.getConnection()) {
            List<Object> params = new ArrayList<>();
            sessions(c, ApChainStatement.sql(q.ip(), q.port(), window, params), params, t, found);
            if (IpAddresses.isIpv4(q.ip())) {
                String refusal = attribution.derive(q.ip(), q.port(), t, tol, found, derivations, notes,
                        (table, sql, p, proof) -> {
                            List<Object> all = new ArrayList<>(p);
                            table.bind(all, window);
                            sessions(c, sql + table.alive(), all, t, found, proof);
                        }, ApChainStatement.SESSION_COLUMNS);
                if (refusal != null) {
                    audit(c, q.caseId(), "AP_ADDRESS", query, "REFUSED", 0, refusal);
                    throw new ProblemException(new Problem("port-outside-port-sets", "Port belongs to no customer", 422,
                            refusal));
                }
            }
            expired = found.isEmpty() && expiredBefore(c, "ap.connection-auth", t);
            audit(c, q.caseId(), "AP_ADDRESS", query, expired ? "EXPIRED" : "ANSWERED", found.size(), basis(basis));
        }
        long subscribers = found.stream().map(LookupRequests.ApCandidate::subscriberId).distinct().count();
        boolean ambiguous = subscribers > 1 || derivations.stream().anyMatch(d -> Boolean.TRUE.equals(d.get("ambiguous")));
        if (q.port() == null && found.stream().anyMatch(f -> !f.matchedBy().equals("ASSIGNED_ADDRESS"))) {
            notes.add("a public address shared behind carrier-grade NAT was given without a source port: every"
                    + " subscriber behind it at that instant is listed");
        }
        if (ambiguous) {
            notes.add(subscribers + " different subscribers match; none is picked");
        }
        if (found.stream().anyMatch(LookupRequests.ApCandidate::onlyWithinTolerance)) {
            notes.add("some candidates match only within the clock tolerance of " + tol);
        }
        if (expired) {
            notes.add("nothing found, and logs of that instant were already deleted under the retention rule");
        }
        return new LookupRequests.ApAnswer(q.ip(), q.port(), t, tol.toMillis(), found, ambiguous, notes, expired,
                derivations);
    }

    public LookupRequests.CpAnswer cp(LookupRequests.CpQuery q) throws SQLException {
        Map<String, Object> query = Map.of("postId", q.postId());
        String basis = basis(authorise(q.caseId(), "CP_POST", "cp.post", query));
        Duration window = config.lookup().nearestWindow();
        List<String> notes = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            Object[] post = null;
            for (String table : List.of("cp_post", "cp_post_preserved")) {
                List<Object[]> rows = rows(c, "select account_id, event_type, event_id, host(ip), source_port, occurred_at"
                        + " from " + table + " where event_id = ? limit 1", List.of(q.postId()));
                if (!rows.isEmpty()) {
                    post = rows.get(0);
                    break;
                }
            }
            if (post == null) {
                notes.add("no such post is stored (never received, or already deleted)");
                audit(c, q.caseId(), "CP_POST", query, "ANSWERED", 0, basis);
                return new LookupRequests.CpAnswer(q.postId(), null, null, null, null, window.toSeconds(), notes, false);
            }
            String account = codec.decode(IdentityCodec.IdentityField.ACCOUNT, (String) post[0]);
            LookupRequests.CpEvent postEvent = event(post);
            LookupRequests.CpEvent before = null;
            LookupRequests.CpEvent after = null;
            if (postEvent.ip() == null) {
                Instant t = postEvent.occurredAt();
                for (String table : List.of("cp_login_event", "cp_login_event_preserved", "cp_account_event",
                        "cp_account_event_preserved")) {
                    String cols = "select account_id, event_type, event_id, host(ip), source_port, occurred_at from " + table
                            + " where account_id = ? and ip is not null";
                    List<Object[]> b = rows(c, cols + " and occurred_at <= ? and occurred_at >= ? order by occurred_at desc"
                            + " limit 1", List.of(post[0], utc(t), utc(t.minus(window))));
                    List<Object[]> a = rows(c, cols + " and occurred_at > ? and occurred_at <= ? order by occurred_at"
                            + " limit 1", List.of(post[0], utc(t), utc(t.plus(window))));
                    if (!b.isEmpty() && (before == null || event(b.get(0)).occurredAt().isAfter(before.occurredAt()))) {
                        before = event(b.get(0));
                    }
                    if (!a.isEmpty() && (after == null || event(a.get(0)).occurredAt().isBefore(after.occurredAt()))) {
                        after = event(a.get(0));
                    }
                }
                notes.add("the post carries no IP address: the account's nearest login, logout or account events"
                        + " within " + window + " are given (infringement-related communications)");
            }
            int count = 1 + (before == null ? 0 : 1) + (after == null ? 0 : 1);
            audit(c, q.caseId(), "CP_POST", query, "ANSWERED", count, basis);
            return new LookupRequests.CpAnswer(q.postId(), account, postEvent, before, after, window.toSeconds(), notes,
                    false);
        }
    }

    private PolicyClient.CaseDecision authorise(UUID caseId, String lookup, String category, Map<String, Object> query) {
        PolicyClient.CaseDecision decision;
        try {
            decision = decisions.decide(caseId, lookup, category);
        } catch (RuntimeException e) {
            audit(caseId, lookup, query, "REFUSED", 0, "policy-service unreachable");
            throw ProblemException.unavailable("legal-basis-unverifiable",
                    "The case could not be checked with policy-service, so the look-up was refused");
        }
        if (!decision.allowed()) {
            audit(caseId, lookup, query, "REFUSED", 0, decision.reason());
            throw new ProblemException(new Problem("lookup-not-authorised", "No legal basis", 403,
                    "Look-up refused: " + decision.reason()).with("caseId", caseId.toString()));
        }
        return decision;
    }

    /** The legal basis as the audit records it: policy-service's reason and when it decided. */
    private static String basis(PolicyClient.CaseDecision d) {
        return d.reason() + (d.decidedAt() == null ? "" : " (decided by policy-service at " + d.decidedAt() + ")");
    }

    private void audit(UUID caseId, String kind, Map<String, Object> query, String outcome, int count, String reason) {
        try (Connection c = dataSource.getConnection()) {
            audit(c, caseId, kind, query, outcome, count, reason);
        } catch (SQLException e) {
            throw new IllegalStateException("look-up audit could not be written", e);
        }
    }

    /** Written (auto-commit) before the answer leaves: no answer without its audit entry. */
    private void audit(Connection c, UUID caseId, String kind, Map<String, Object> query, String outcome, int count,
            String reason) {
        try (PreparedStatement ps = c.prepareStatement("insert into lookup_audit"
                + " (at, principal, case_id, lookup_kind, query, outcome, result_count, reason)"
                + " values (now(), ?, ?, ?, ?::jsonb, ?, ?, ?)")) {
            ps.setString(1, user.name());
            ps.setObject(2, caseId);
            ps.setString(3, kind);
            ps.setString(4, json.writeValueAsString(query));
            ps.setString(5, outcome);
            ps.setInt(6, count);
            ps.setString(7, reason);
            ps.executeUpdate();
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("look-up audit could not be written", e);
        }
    }

    private boolean expiredBefore(Connection c, String category, Instant t) throws SQLException {
        List<Object[]> cut = rows(c, "select cutoff from applied_cutoff where category = ?", List.of(category));
        if (cut.isEmpty() || !t.isBefore(((OffsetDateTime) cut.get(0)[0]).toInstant())) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into expired_lookup (at, category, asked_about, age_days)"
                + " values (now(), ?, ?, ?)")) {
            ps.setString(1, category);
            ps.setObject(2, utc(t));
            ps.setInt(3, (int) Duration.between(t, clock.instant()).toDays());
            ps.executeUpdate();
        }
        return true;
    }

    private void sessions(Connection c, String sql, List<Object> params, Instant t,
            List<LookupRequests.ApCandidate> out) throws SQLException {
        sessions(c, sql, params, t, out, null);
    }

    private void sessions(Connection c, String sql, List<Object> params, Instant t,
            List<LookupRequests.ApCandidate> out, Map<String, Object> proof) throws SQLException {
        for (Object[] row : rows(c, sql, params)) {
            String matchedBy = (String) row[1];
            Object[] r = java.util.Arrays.copyOfRange(row, 2, row.length);
            Instant start = ((OffsetDateTime) r[7]).toInstant();
            Instant end = r[8] == null ? null : ((OffsetDateTime) r[8]).toInstant();
            boolean exact = !t.isBefore(start) && (end == null || t.isBefore(end));
            String subscriber = codec.decode(IdentityCodec.IdentityField.SUBSCRIBER, (String) r[0]);
            boolean duplicate = out.stream().anyMatch(o -> o.sessionId().equals(r[1]) && o.nasId().equals(r[2])
                    && o.start().equals(start));
            if (!duplicate) {
                out.add(new LookupRequests.ApCandidate(subscriber, (String) r[1], (String) r[2], (String) r[3],
                        (String) r[4], (Integer) r[5], (Integer) r[6], start, end, matchedBy, !exact, proof));
            }
        }
    }

    private static LookupRequests.CpEvent event(Object[] r) {
        return new LookupRequests.CpEvent((String) r[1], (String) r[2], (String) r[3], (Integer) r[4],
                ((OffsetDateTime) r[5]).toInstant());
    }

    private static List<Object[]> rows(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<Object[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getObject(i + 1) instanceof java.sql.Timestamp
                                ? rs.getObject(i + 1, OffsetDateTime.class) : rs.getObject(i + 1);
                    }
                    out.add(row);
                }
            }
            return out;
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
