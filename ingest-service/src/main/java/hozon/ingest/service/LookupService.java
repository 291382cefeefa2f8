package hozon.ingest.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import hozon.ingest.client.PolicyClient;
import hozon.ingest.config.IngestConfig;
import hozon.ingest.rest.LookupRequests;
import hozon.ingest.store.IdentityCodec;
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
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The disclosure chain's look-ups (R6), each only under a case policy-service allows now, each
 * audited without its results. Live and preserved records are both searched.
 */
@ApplicationScoped
public class LookupService {

    private static final String SESSION_COLUMNS = "subscriber_id, session_id, nas_id, abbrev(assigned_ip),"
            + " host(public_ip), public_port_start, public_port_end, started_at, ended_at";
    /**
     * The session interval [start, end) overlaps the instant's tolerance window; written on the
     * same expression as the GiST index so that one index probe answers it.
     */
    private static final String ALIVE = " and tstzrange(started_at, coalesce(ended_at, 'infinity'::timestamptz), '[)')"
            + " && tstzrange(?, ?, '[]')";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    @RestClient
    PolicyClient policy;

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
        authorise(q.caseId(), "AP_ADDRESS", "ap.connection-auth", query);
        if (IpAddresses.parseAddress(q.ip()) == null) {
            throw ProblemException.invalid("ip must be an IPv4 or IPv6 address", Problem.FieldError.of("ip", "not an address"));
        }
        Instant t = q.instant().toInstant();
        Duration tol = config.lookup().clockTolerance();
        OffsetDateTime latestStart = utc(t.plus(tol));
        OffsetDateTime earliestEnd = utc(t.minus(tol));
        List<LookupRequests.ApCandidate> found = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (String table : List.of("ap_session", "ap_session_preserved")) {
                sessions(c, "select " + SESSION_COLUMNS + " from " + table + " where assigned_ip >>= ?::inet" + ALIVE,
                        List.of(q.ip(), earliestEnd, latestStart), "ASSIGNED_ADDRESS", t, found);
                sessions(c, "select " + SESSION_COLUMNS + " from " + table + " where public_ip = ?::inet"
                                + (q.port() == null ? "" : " and int4range(public_port_start, public_port_end, '[]') @> ?::int")
                                + ALIVE,
                        q.port() == null ? List.of(q.ip(), earliestEnd, latestStart)
                                : List.of(q.ip(), q.port(), earliestEnd, latestStart), "SESSION_PORT_RANGE", t, found);
            }
            for (String inside : insideAddresses(c, q.ip(), q.port(), latestStart, earliestEnd)) {
                for (String table : List.of("ap_session", "ap_session_preserved")) {
                    sessions(c, "select " + SESSION_COLUMNS + " from " + table + " where assigned_ip = ?::inet" + ALIVE,
                            List.of(inside, earliestEnd, latestStart), "PORT_BLOCK", t, found);
                }
            }
        }
        long subscribers = found.stream().map(LookupRequests.ApCandidate::subscriberId).distinct().count();
        boolean ambiguous = subscribers > 1;
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
        boolean expired = found.isEmpty() && expiredBefore("ap.connection-auth", t);
        if (expired) {
            notes.add("nothing found, and logs of that instant were already deleted under the retention rule");
        }
        audit(q.caseId(), "AP_ADDRESS", query, expired ? "EXPIRED" : "ANSWERED", found.size(), null);
        return new LookupRequests.ApAnswer(q.ip(), q.port(), t, tol.toMillis(), found, ambiguous, notes, expired);
    }

    public LookupRequests.CpAnswer cp(LookupRequests.CpQuery q) throws SQLException {
        Map<String, Object> query = Map.of("postId", q.postId());
        authorise(q.caseId(), "CP_POST", "cp.post", query);
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
                audit(q.caseId(), "CP_POST", query, "ANSWERED", 0, null);
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
            audit(q.caseId(), "CP_POST", query, "ANSWERED", count, null);
            return new LookupRequests.CpAnswer(q.postId(), account, postEvent, before, after, window.toSeconds(), notes,
                    false);
        }
    }

    private void authorise(UUID caseId, String lookup, String category, Map<String, Object> query) {
        PolicyClient.CaseDecision decision;
        try {
            decision = policy.decide(new PolicyClient.CaseDecisionRequest(caseId, lookup, category));
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
    }

    private void audit(UUID caseId, String kind, Map<String, Object> query, String outcome, int count, String reason) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("insert into lookup_audit"
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
            // No answer without its audit entry.
            throw new IllegalStateException("look-up audit could not be written", e);
        }
    }

    private boolean expiredBefore(String category, Instant t) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
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
    }

    private List<String> insideAddresses(Connection c, String ip, Integer port, OffsetDateTime latestStart,
            OffsetDateTime earliestEnd) throws SQLException {
        List<String> inside = new ArrayList<>();
        for (String table : List.of("ap_port_block", "ap_port_block_preserved")) {
            String sql = "select distinct host(inside_ip) from " + table + " where public_ip = ?::inet"
                    + (port == null ? "" : " and ? between port_start and port_end")
                    + " and allocated_at <= ? and (released_at is null or released_at > ?)";
            for (Object[] r : rows(c, sql, port == null ? List.of(ip, latestStart, earliestEnd)
                    : List.of(ip, port, latestStart, earliestEnd))) {
                inside.add((String) r[0]);
            }
        }
        return inside;
    }

    private void sessions(Connection c, String sql, List<Object> params, String matchedBy, Instant t,
            List<LookupRequests.ApCandidate> out) throws SQLException {
        for (Object[] r : rows(c, sql, params)) {
            Instant start = ((OffsetDateTime) r[7]).toInstant();
            Instant end = r[8] == null ? null : ((OffsetDateTime) r[8]).toInstant();
            boolean exact = !t.isBefore(start) && (end == null || t.isBefore(end));
            String subscriber = codec.decode(IdentityCodec.IdentityField.SUBSCRIBER, (String) r[0]);
            boolean duplicate = out.stream().anyMatch(o -> o.sessionId().equals(r[1]) && o.nasId().equals(r[2])
                    && o.start().equals(start));
            if (!duplicate) {
                out.add(new LookupRequests.ApCandidate(subscriber, (String) r[1], (String) r[2], (String) r[3],
                        (String) r[4], (Integer) r[5], (Integer) r[6], start, end, matchedBy, !exact));
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
