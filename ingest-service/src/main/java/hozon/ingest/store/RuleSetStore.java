package hozon.ingest.store;

import hozon.ingest.attribution.RuleSets.DcgnSpec;
import hozon.ingest.attribution.RuleSets.MapERuleSpec;
import hozon.ingest.attribution.RuleSets.Mechanism;
import hozon.ingest.attribution.RuleSets.Provenance;
import hozon.ingest.attribution.RuleSets.RuleSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Attribution rule sets in the database (V9, V12): append-only; read whole (they are few), on
 * the caller's connection and transaction.
 */
@ApplicationScoped
public class RuleSetStore {

    /** Every stored version, without effective ends (see {@code RuleSetValidator.effective}). */
    public List<RuleSet> load(Connection c) throws SQLException {
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
        return out;
    }

    public void insert(Connection c, RuleSet s) throws SQLException {
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
