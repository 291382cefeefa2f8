package hozon.purge.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import hozon.problem.ProblemException;
import hozon.security.HashChain;
import hozon.purge.domain.LedgerEntry;
import hozon.purge.domain.PurgeRun;
import hozon.purge.domain.PurgeRunCategory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The tamper-evident record of every finished run (R7): plan digests, rule versions, holds
 * honoured, partitions dropped and rows removed and held per category, times and outcome.
 * Counts and ids only: never a deleted identifier.
 */
@ApplicationScoped
public class Ledger {

    /** Serialises appends across instances: every entry must see its predecessor. */
    private static final long APPEND_LOCK = 0x686F7A6F6EL;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** Appends the run's entry in the caller's transaction (the run's final state and its entry commit together). */
    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerEntry append(PurgeRun run) {
        LedgerEntry.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(?1)")
                .setParameter(1, APPEND_LOCK).getSingleResult();
        LedgerEntry last = LedgerEntry.<LedgerEntry>find("order by seq desc").firstResult();
        LedgerEntry e = new LedgerEntry();
        e.runId = run.id;
        e.recordedAt = clock.instant();
        e.entry = canonical(run);
        e.prevHash = last == null ? HashChain.GENESIS : last.hash;
        e.hash = HashChain.link(e.prevHash, e.entry);
        e.persist();
        return e;
    }

    public record Verification(boolean valid, long entries, Long firstBrokenSeq, String reason, String headHash) {
    }

    /** Recomputes the whole chain; reports the first link that does not hold. */
    @Transactional
    public Verification verify() {
        String prev = HashChain.GENESIS;
        long n = 0;
        try (var entries = LedgerEntry.<LedgerEntry>find("order by seq").stream()) {
            for (LedgerEntry e : (Iterable<LedgerEntry>) entries::iterator) {
                n++;
                if (!e.prevHash.equals(prev)) {
                    return new Verification(false, n, e.seq, "prevHash does not match the hash of the entry before"
                            + " (an entry was removed, inserted or reordered)", null);
                }
                if (!HashChain.link(e.prevHash, e.entry).equals(e.hash)) {
                    return new Verification(false, n, e.seq, "hash does not match the entry (the entry or its hash"
                            + " was changed)", null);
                }
                if (!e.entry.contains("\"runId\":\"" + e.runId + "\"")) {
                    return new Verification(false, n, e.seq, "the entry names another run than its row", null);
                }
                prev = e.hash;
            }
        }
        return new Verification(true, n, null, null, prev);
    }

    public record Receipt(long seq, UUID runId, String algorithm, String prevHash, String hash, String entry,
            Object entryJson) {
    }

    @Transactional
    public Receipt receipt(UUID runId) {
        LedgerEntry e = LedgerEntry.find("runId", runId).firstResult();
        if (e == null) {
            throw ProblemException.notFound("Ledger entry", "Run " + runId + " has no ledger entry (unknown, or still"
                    + " running)");
        }
        try {
            return new Receipt(e.seq, e.runId, HashChain.ALGORITHM, e.prevHash, e.hash, e.entry,
                    json.readTree(e.entry));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored ledger entry is not JSON", ex);
        }
    }

    @Transactional
    public List<LedgerEntry> latest(int limit) {
        return LedgerEntry.find("order by seq desc").page(0, limit).list();
    }

    /** The entry text: a fixed field order, so that the same run always gives the same bytes. */
    String canonical(PurgeRun run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "hozon-purge-ledger/1");
        m.put("runId", run.id.toString());
        m.put("trigger", run.trigger.name());
        m.put("outcome", run.outcome.name());
        m.put("failureReason", run.failureReason);
        m.put("startedAt", String.valueOf(run.startedAt));
        m.put("finishedAt", String.valueOf(run.finishedAt));
        m.put("planAsOf", String.valueOf(run.planAsOf));
        m.put("planDigest", run.planDigest);
        m.put("knownPlanDigest", run.knownPlanDigest);
        m.put("holdsHonoured", run.holdsHonoured.stream().map(UUID::toString).sorted().toList());
        List<Map<String, Object>> cats = new ArrayList<>();
        for (PurgeRunCategory c : run.categories.stream()
                .sorted(Comparator.comparing((PurgeRunCategory c) -> c.key.category)).toList()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("category", c.key.category);
            cm.put("ruleId", String.valueOf(c.ruleId));
            cm.put("ruleVersion", c.ruleVersion);
            cm.put("period", c.period);
            cm.put("planCutoff", String.valueOf(c.planCutoff));
            cm.put("appliedCutoff", String.valueOf(c.appliedCutoff));
            cm.put("partitionsDropped", c.partitionsDropped);
            cm.put("rowsRemoved", c.rowsDeleted);
            cm.put("rowsRemovedForPurpose", c.rowsDeletedForPurpose);
            cm.put("rowsReleasedFromPreservation", c.rowsReleased);
            cm.put("rowsHeld", c.rowsHeld);
            if (c.keysDestroyed != null && !c.keysDestroyed.isEmpty()) {
                cm.put("keysDestroyed", List.of(c.keysDestroyed.split(",")));
            }
            cats.add(cm);
        }
        m.put("categories", cats);
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ledger entry not serialisable", e);
        }
    }
}
