-- Deterministic CGN parameters as RFC 7422 §2.3 states them, exactly: the ports per inside host
-- as a whole number (given, or derived from D dynamic slots or a pool share only when it divides
-- exactly). Existing versions keep the ports per host they were answered with (the old
-- floor of the percentage), so their look-ups do not change; the given D or percentage stays
-- as provenance. Rule sets are append-only; this one-off back-fill lifts the guard for itself.
alter table dcgn_config add column ports_per_host integer;
alter table dcgn_config add column dynamic_slots integer;
alter table dcgn_config alter column dynamic_percent drop not null;
alter table dcgn_config disable trigger dcgn_config_append_only;
update dcgn_config set ports_per_host = ((65536 - reserved_ports)::bigint * (100 - dynamic_percent) / 100 / compression);
alter table dcgn_config enable trigger dcgn_config_append_only;
alter table dcgn_config alter column ports_per_host set not null;
