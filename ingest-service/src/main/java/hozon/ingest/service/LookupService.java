package hozon.ingest.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import hozon.ingest.client.CaseDecisions;
import hozon.ingest.client.PolicyGateway;
import hozon.ingest.config.IngestConfig;
import hozon.ingest.rest.LookupRequests;
import hozon.ingest.store.IntervalTable;
import hozon.ingest.store.RouteWidths;
import hozon.ingest.store.LookupAudit;
import hozon.ingest.store.IdentityCodec;
import hozon.ingest.store.LookupStore;
import hozon.ingest.store.RecordKind;
import hozon.net.IpAddresses;
import hozon.problem.PeerFailure;
import hozon.problem.Problem;
import hozon.problem.ProblemException;
import hozon.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The disclosure chain's look-ups (R6), each only under a case policy-service allows now, each
 * audited without its results. Live and preserved records are both searched.
 */
@ApplicationScoped
public class LookupService {

    private static final Logger LOG = Logger.getLogger(LookupService.class);

    /** The look-up kinds, as policy-service's cases name them. */
    static final String AP = "AP_ADDRESS";
    static final String CP = "CP_POST";
    static final String AP_SESSIONS = "ap.connection-auth";
    static final String AP_PORT_BLOCKS = "ap.nat-port-block";
    static final String CP_POSTS = "cp.post";
    static final String CP_LOGINS = "cp.login";
    static final String CP_ACCOUNTS = "cp.account";
    /** The audit's reason for an attempt that names no case. */
    static final String NO_LEGAL_BASIS = "no legal basis named";

    @Inject
    LookupAudit lookupAudit;

    @Inject
    Validator validator;

    @Inject
    LookupAttempt attempt;

    @Inject
    LookupStore store;

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
    hozon.ingest.metrics.IngestMetrics metrics;


    @Inject
    ObjectMapper json;

    public LookupRequests.ApAnswer ap(LookupRequests.ApQuery q) throws SQLException {
        return ap(q, null);
    }

    /**
     * The AP look-up on {@code shared} — a bulk look-up's connection, whose transaction commits
     * the audit entries of many tuples at once before their answers leave — or, when null, on a
     * connection of its own whose audit entry commits before the answer leaves.
     */
    private LookupRequests.ApAnswer ap(LookupRequests.ApQuery q, LookupStore.Reader shared) throws SQLException {
        Map<String, Object> query = new LinkedHashMap<>();
        if (q != null) {
            query.put("ip", q.ip());
            query.put("port", q.port());
            query.put("instant", q.instant() == null ? null : q.instant().toInstant().toString());
        }
        UUID caseId = q == null ? null : q.caseId();
        validate(q, caseId, AP, query);
        if (IpAddresses.parseAddress(q.ip()) == null) {
            audit(caseId, AP, query, "REFUSED", 0, "malformed: ip is not an IPv4 or IPv6 address", List.of());
            throw ProblemException.invalid("ip must be an IPv4 or IPv6 address", Problem.FieldError.of("ip", "not an address"));
        }
        PolicyGateway.CaseDecision basis = authorise(caseId, AP, AP_SESSIONS, query);
        Scope scope = scope(caseId, AP, AP_SESSIONS, List.of(AP_PORT_BLOCKS));
        boolean throughBlocks = scope.covers(AP_PORT_BLOCKS);
        Instant t = q.instant().toInstant();
        Duration tol = config.lookup().clockTolerance();
        IntervalTable.Window window = new IntervalTable.Window(t.minus(tol), t.plus(tol));
        List<LookupRequests.ApCandidate> found = new ArrayList<>();
        List<String> notes = new ArrayList<>(scope.notes());
        List<Map<String, Object>> derivations = new ArrayList<>();
        boolean expired;
        try (LookupStore.Reader own = shared == null ? store.open() : null) {
            LookupStore.Reader r = shared == null ? own : shared;
            Connection c = r.connection();
            if (!store.distributed()) {
                List<Object> params = new ArrayList<>();
                sessions(r, ApChainStatement.sql(q.ip(), q.port(), window, params, throughBlocks), params, q, found, null);
            } else {
                found.addAll(shardedChain(r, q, window, throughBlocks));
            }
            if (IpAddresses.isIpv4(q.ip())) {
                String refusal = attribution.derive(q.ip(), q.port(), t, tol, found, derivations, notes,
                        (table, sql, p, proof) -> {
                            List<Object> all = new ArrayList<>(p);
                            table.bind(all, window);
                            sessions(r, sql + table.alive(), all, q, found, proof);
                        }, ApChainStatement.SESSION_COLUMNS);
                if (refusal != null) {
                    audit(c, caseId, AP, query, "REFUSED", 0, refusal, scope.searched());
                    attempt.outcome("REFUSED", "port-outside-port-sets");
                    throw new ProblemException(new Problem("port-outside-port-sets", "Port belongs to no customer", 422,
                            refusal));
                }
            }
            expired = found.isEmpty() && expiredBefore(r, AP_SESSIONS, t);
            audit(c, caseId, AP, query, expired ? "EXPIRED" : "ANSWERED", found.size(), basis(basis), scope.searched());
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
                derivations, scope.searched(), scope.notCovered());
    }

    /**
     * Refuses a bulk AP look-up as a whole before any tuple runs (audited like a single refused
     * attempt): no body, no case, no tuples, or more than {@code hozon.ingest.lookup.max-bulk-tuples}.
     */
    public void checkBulk(LookupRequests.ApBulkQuery q) {
        Map<String, Object> query = new LinkedHashMap<>();
        int size = q == null || q.tuples() == null ? 0 : q.tuples().size();
        query.put("tuples", size);
        UUID caseId = q == null ? null : q.caseId();
        String refusal = null;
        ProblemException problem = null;
        if (q == null || q.tuples() == null || q.tuples().isEmpty()) {
            refusal = "malformed: a bulk look-up carries at least one tuple";
            problem = ProblemException.invalid("A bulk look-up carries at least one tuple",
                    Problem.FieldError.of("tuples", "missing or empty"));
        } else if (size > config.lookup().maxBulkTuples()) {
            refusal = "malformed: " + size + " tuples, more than " + config.lookup().maxBulkTuples();
            problem = new ProblemException(new Problem("validation", "Invalid request", 400, "A bulk look-up carries at"
                    + " most " + config.lookup().maxBulkTuples() + " tuples; split the list")
                    .withError(Problem.FieldError.of("tuples", "more than " + config.lookup().maxBulkTuples()))
                    .with("maxRecords", config.lookup().maxBulkTuples()).with("records", size));
        } else if (caseId == null) {
            refusal = NO_LEGAL_BASIS + " (caseId must not be null)";
            problem = ProblemException.invalid("caseId is required: every look-up runs under a case",
                    Problem.FieldError.of("caseId", "must not be null"));
        }
        if (problem != null) {
            audit(caseId, AP, query, "REFUSED", 0, refusal, List.of());
            throw problem;
        }
    }

    /**
     * A bulk AP look-up: each tuple exactly as a single look-up — validated, authorised against
     * the case, searched, audited with its own entry — and handed to {@code out} in the order
     * given, its refusal (a problem) in place of an answer. Call {@link #checkBulk} first.
     */
    public void apBulk(LookupRequests.ApBulkQuery q, java.util.function.Consumer<? super LookupRequests.ApBulkLine> out)
            throws SQLException {
        int every = config.lookup().bulkCommitEvery();
        List<LookupRequests.ApBulkLine> pending = new ArrayList<>(every);
        try (LookupStore.Reader r = store.openTransaction()) {
            for (int i = 0; i < q.tuples().size(); i++) {
                LookupRequests.ApTuple t = q.tuples().get(i);
                long started = System.nanoTime();
                LookupRequests.ApBulkLine line;
                try {
                    line = new LookupRequests.ApBulkLine(i, ap(new LookupRequests.ApQuery(q.caseId(),
                            t == null ? null : t.ip(), t == null ? null : t.port(), t == null ? null : t.instant()), r),
                            null);
                } catch (ProblemException e) {
                    line = new LookupRequests.ApBulkLine(i, null, e.problem());
                } catch (ConstraintViolationException e) {
                    line = new LookupRequests.ApBulkLine(i, null, hozon.problem.ProblemMappers.validationProblem(e));
                }
                metrics.lookup(AP, attempt.outcome(), attempt.refusal(), System.nanoTime() - started);
                pending.add(line);
                if (pending.size() == every || i == q.tuples().size() - 1) {
                    // Group commit: these tuples' audit entries are durable before any of their answers leaves.
                    r.commit();
                    pending.forEach(out);
                    pending.clear();
                }
            }
        }
    }

    public LookupRequests.CpAnswer cp(LookupRequests.CpQuery q) throws SQLException {
        Map<String, Object> query = new LinkedHashMap<>();
        if (q != null) {
            query.put("postId", q.postId());
        }
        UUID caseId = q == null ? null : q.caseId();
        validate(q, caseId, CP, query);
        PolicyGateway.CaseDecision decision = authorise(caseId, CP, CP_POSTS, query);
        String basis = basis(decision);
        Duration window = config.lookup().nearestWindow();
        List<String> notes = new ArrayList<>();
        try (LookupStore.Reader r = store.open()) {
            Connection c = r.connection();
            LookupStore.CpRow post = r.post(q.postId()).orElse(null);
            if (post == null) {
                notes.add("no such post is stored (never received, or already deleted)");
                audit(c, caseId, CP, query, "ANSWERED", 0, basis, List.of(CP_POSTS));
                return new LookupRequests.CpAnswer(q.postId(), null, null, null, null, window.toSeconds(), notes, false,
                        List.of(CP_POSTS), List.of(), List.of(), List.of());
            }
            LookupRequests.CpEvent postEvent = event(post);
            LookupStore.CpRow before = null;
            LookupStore.CpRow after = null;
            List<String> searched = List.of(CP_POSTS);
            List<String> notCovered = List.of();
            if (postEvent.ip() == null) {
                // The infringement-related communications (侵害関連通信) live in other categories:
                // each is searched only if the case covers it.
                Scope scope = scope(caseId, CP, CP_POSTS, List.of(CP_LOGINS, CP_ACCOUNTS));
                searched = scope.searched();
                notCovered = scope.notCovered();
                notes.addAll(scope.notes());
                Instant t = postEvent.occurredAt();
                boolean erased = IdentityCodec.ERASED.equals(post.accountId());
                if (erased) {
                    notes.add("the post's account identity was erased with its day's key: its other events cannot be"
                            + " found");
                }
                for (String category : erased ? List.<String>of() : scope.searched()) {
                    RecordKind kind = RecordKind.ofCategory(category).orElseThrow();
                    if (kind == RecordKind.CP_POST) {
                        continue;
                    }
                    LookupStore.CpRow b = r.nearest(kind, post.accountId(), t, window, true).orElse(null);
                    LookupStore.CpRow a = r.nearest(kind, post.accountId(), t, window, false).orElse(null);
                    if (b != null && (before == null || b.occurredAt().isAfter(before.occurredAt()))) {
                        before = b;
                    }
                    if (a != null && (after == null || a.occurredAt().isBefore(after.occurredAt()))) {
                        after = a;
                    }
                }
                List<String> related = scope.searched().subList(1, scope.searched().size());
                notes.add(related.isEmpty()
                        ? "the post carries no IP address, and the case covers no category of infringement-related"
                                + " communications (cp.login, cp.account): none were searched"
                        : "the post carries no IP address: the account's nearest " + String.join(" and ", related)
                                + " events within " + window + " are given (infringement-related communications)");
            }
            List<LookupStore.CpRow> related = new ArrayList<>();
            if (before != null) {
                related.add(before);
            }
            if (after != null) {
                related.add(after);
            }
            // Items of infringement-related communications go only to case types policy-service
            // allows (Platform Act Art. 5(1)(iii)); an older policy-service that does not say is a no.
            boolean relatedAllowed = Boolean.TRUE.equals(decision.relatedCommunications());
            String withheldBecause = decision.relatedCommunicationsReason() != null
                    ? decision.relatedCommunicationsReason()
                    : "policy-service did not say whether this case's type may receive items of infringement-related"
                            + " communications";
            SenderInformationAnswer.Cp items = SenderInformationAnswer.cp(post, related, relatedAllowed, withheldBecause);
            if (!relatedAllowed && !related.isEmpty()) {
                notes.add("items of infringement-related communications were found and withheld: " + withheldBecause);
                before = null;
                after = null;
            }
            int count = 1 + (before == null ? 0 : 1) + (after == null ? 0 : 1);
            audit(c, caseId, CP, query, "ANSWERED", count, basis, searched);
            return new LookupRequests.CpAnswer(q.postId(), post.accountId(), postEvent, event(before), event(after),
                    window.toSeconds(), notes, false, searched, notCovered, items.items(), items.withheld());
        }
    }

    /**
     * The categories a look-up may walk: {@code first} (already authorised) and each of
     * {@code next} that the case also covers. A category the case does not cover is not
     * searched, and the answer says so; one policy-service could not confirm is treated alike.
     */
    private Scope scope(UUID caseId, String lookup, String first, List<String> next) {
        List<String> searched = new ArrayList<>(List.of(first));
        List<String> notCovered = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String category : next) {
            String reason;
            try {
                PolicyGateway.CaseDecision d = decisions.decide(caseId, lookup, category);
                reason = d.allowed() ? null : d.reason();
            } catch (RuntimeException e) {
                String why = PeerFailure.describe("policy-service", e);
                LOG.warnf("case decision for category %s could not be had: %s", category, why);
                reason = why + ", so it is not confirmed that the case covers " + category;
            }
            if (reason == null) {
                searched.add(category);
            } else {
                notCovered.add(category);
                notes.add(category + " was not searched: " + reason);
            }
        }
        return new Scope(List.copyOf(searched), List.copyOf(notCovered), notes);
    }

    private record Scope(List<String> searched, List<String> notCovered, List<String> notes) {
        boolean covers(String category) {
            return searched.contains(category);
        }
    }

    /**
     * Bean Validation of the query, inside the audit: a malformed look-up or one that names no
     * case is refused (400) and still leaves its entry.
     */
    private void validate(Object q, UUID caseId, String kind, Map<String, Object> query) {
        if (q == null) {
            audit(null, kind, query, "REFUSED", 0, "malformed: no query in the body", List.of());
            throw ProblemException.invalid("a look-up query is required", Problem.FieldError.of("body", "missing"));
        }
        Set<ConstraintViolation<Object>> violations = validator.validate(q);
        if (violations.isEmpty()) {
            return;
        }
        String fields = violations.stream().map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted()
                .collect(Collectors.joining("; "));
        audit(caseId, kind, query, "REFUSED", 0, caseId == null ? NO_LEGAL_BASIS + " (" + fields + ")"
                : "malformed: " + fields, List.of());
        throw new ConstraintViolationException(violations);
    }

    private PolicyGateway.CaseDecision authorise(UUID caseId, String lookup, String category, Map<String, Object> query) {
        PolicyGateway.CaseDecision decision;
        try {
            decision = decisions.decide(caseId, lookup, category);
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            LOG.warnf(e, "case decision could not be had from policy-service, look-up refused (incident %s)", incident);
            audit(caseId, lookup, query, "REFUSED", 0, "policy-service unreachable (incident " + incident + ")", List.of());
            throw ProblemException.unavailable("legal-basis-unverifiable",
                    "The case could not be checked with policy-service, so the look-up was refused");
        }
        if (!decision.allowed()) {
            audit(caseId, lookup, query, "REFUSED", 0, decision.reason(), List.of());
            throw new ProblemException(new Problem("lookup-not-authorised", "No legal basis", 403,
                    "Look-up refused: " + decision.reason()).with("caseId", caseId.toString()));
        }
        return decision;
    }

    /** The legal basis as the audit records it: policy-service's reason and when it decided. */
    private static String basis(PolicyGateway.CaseDecision d) {
        return d.reason() + (d.decidedAt() == null ? "" : " (decided by policy-service at " + d.decidedAt() + ")");
    }

    private void audit(UUID caseId, String kind, Map<String, Object> query, String outcome, int count, String reason,
            List<String> categories) {
        lookupAudit.append(attempt(caseId, kind, query, outcome, count, reason, categories));
    }

    /** Written (auto-commit) on the look-up's connection before the answer leaves: no answer without its entry. */
    private void audit(Connection c, UUID caseId, String kind, Map<String, Object> query, String outcome, int count,
            String reason, List<String> categories) {
        lookupAudit.append(c, attempt(caseId, kind, query, outcome, count, reason, categories));
    }

    private LookupAudit.Attempt attempt(UUID caseId, String kind, Map<String, Object> query, String outcome, int count,
            String reason, List<String> categories) {
        attempt.audited();
        attempt.outcome(outcome, "REFUSED".equals(outcome) ? refusalCode(reason) : null);
        try {
            return new LookupAudit.Attempt(user.name(), caseId, kind, json.writeValueAsString(query), outcome, count,
                    reason, categories);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("look-up audit could not be written", e);
        }
    }

    /** A bounded code for a refusal's reason (a metric label; the audit keeps the words). */
    static String refusalCode(String reason) {
        if (reason == null) {
            return "other";
        }
        if (reason.startsWith("malformed")) {
            return "malformed";
        }
        if (reason.startsWith(NO_LEGAL_BASIS)) {
            return "no-case";
        }
        if (reason.startsWith("policy-service unreachable")) {
            return "policy-unavailable";
        }
        return "case-refused";
    }

    private boolean expiredBefore(LookupStore.Reader r, String category, Instant t) throws SQLException {
        Optional<Instant> cutoff = r.appliedCutoff(category);
        if (cutoff.isEmpty() || !t.isBefore(cutoff.get())) {
            return false;
        }
        r.recordExpired(category, t, (int) Duration.between(t, clock.instant()).toDays());
        return true;
    }

    /**
     * The AP chain on a sharded store: each step a statement by its table's distribution column,
     * one shard each — sessions by routing key; sessions by public address through their
     * pointers; port blocks, then the sessions of each inside address — in the order the plain
     * store's one statement gives them (by how they matched, then by start), each session once.
     */
    private static List<LookupRequests.ApCandidate> shardedChain(LookupStore.Reader r, LookupRequests.ApQuery q,
            IntervalTable.Window window, boolean throughBlocks) throws SQLException {
        RouteWidths widths = r.widths();
        List<LookupRequests.ApCandidate> matched = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        sessions(r, ApChainStatement.byAssignedAddress(q.ip(), window, params, widths), params, q, matched, null);
        List<Object> pointerParams = new ArrayList<>();
        for (List<Object> key : r.pointers(ApChainStatement.publicPointers(q.ip(), q.port(), window, pointerParams),
                pointerParams)) {
            List<Object> p = new ArrayList<>();
            sessions(r, ApChainStatement.sessionByKey(key, p), p, q, matched, null);
        }
        if (throughBlocks) {
            List<Object> blockParams = new ArrayList<>();
            for (LookupStore.InsideBlock b : r.blocks(ApChainStatement.blocks(q.ip(), q.port(), window, blockParams),
                    blockParams)) {
                LookupStore.BlockRow br = b.block();
                List<Object> bound = java.util.Arrays.asList(br.publicIp(), br.portStart(), br.portEnd(),
                        utc(br.allocatedAt()), utc(br.releasedAt()), br.deviceId());
                List<Object> p = new ArrayList<>();
                sessions(r, ApChainStatement.sessionsThrough(b.insideIp(), bound, window, p, widths), p, q, matched, null);
            }
        }
        // Steps run in the single statement's branch order, so a session's first match is its
        // lowest branch; a stable sort then puts each branch's sessions by start.
        matched.sort(java.util.Comparator.comparingInt((LookupRequests.ApCandidate m) -> switch (m.matchedBy()) {
            case "ASSIGNED_ADDRESS" -> 1;
            case "SESSION_PORT_RANGE" -> 2;
            default -> 3;
        }).thenComparing(LookupRequests.ApCandidate::start));
        return matched;
    }

    private static void sessions(LookupStore.Reader r, String sql, List<Object> params, LookupRequests.ApQuery q,
            List<LookupRequests.ApCandidate> out, Map<String, Object> proof) throws SQLException {
        Instant t = q.instant().toInstant();
        for (LookupStore.SessionRow s : r.sessions(sql, params)) {
            LookupRequests.PortBlockEvidence block = s.block() == null ? null : new LookupRequests.PortBlockEvidence(
                    s.block().publicIp(), s.block().portStart(), s.block().portEnd(), s.block().allocatedAt(),
                    s.block().releasedAt(), s.block().deviceId(),
                    !within(t, s.block().allocatedAt(), s.block().releasedAt()));
            boolean exact = within(t, s.start(), s.end()) && (block == null || !block.onlyWithinTolerance());
            boolean duplicate = out.stream().anyMatch(o -> o.sessionId().equals(s.sessionId())
                    && o.nasId().equals(s.nasId()) && o.start().equals(s.start()));
            if (!duplicate) {
                out.add(new LookupRequests.ApCandidate(s.subscriberId(), s.sessionId(), s.nasId(), s.assignedAddress(),
                        s.publicIp(), s.publicPortStart(), s.publicPortEnd(), s.start(), s.end(), s.matchedBy(), !exact,
                        proof, block, SenderInformationAnswer.ap(s, q.ip(), q.port(), t)));
            }
        }
    }

    private static java.time.OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(java.time.ZoneOffset.UTC);
    }

    /** Intervals are start-inclusive and end-exclusive; an open one has no end. */
    private static boolean within(Instant t, Instant start, Instant end) {
        return !t.isBefore(start) && (end == null || t.isBefore(end));
    }

    private static LookupRequests.CpEvent event(LookupStore.CpRow r) {
        if (r == null) {
            return null;
        }
        return new LookupRequests.CpEvent(r.kind(), r.eventId(), r.ip(), r.sourcePort(), r.occurredAt());
    }
}
