-- Attribution where no NAT log exists (issue #9): MAP-E rules and deterministic-CGN configurations
-- as reference data. Immutable (append-only) and versioned: version v of a rule set is in force
-- from its valid_from until the earlier of its valid_to and the valid_from of version v + 1.
-- Never deleted by a purge: they hold no personal data, and every stored log and every case may
-- need them to be decoded (a rule set outlives what it decodes).
create table attribution_rule_set (
    id              uuid         primary key,
    name            varchar(100) not null,
    version         integer      not null,
    mechanism       varchar(24)  not null check (mechanism in ('MAP_E', 'DETERMINISTIC_CGN')),
    valid_from      timestamptz  not null,
    valid_to        timestamptz,
    provenance      varchar(32)  not null check (provenance in ('OPERATOR_CONFIGURATION', 'DHCPV6_CAPTURE', 'OTHER')),
    provenance_note text         not null,
    created_by      varchar(200) not null,
    created_at      timestamptz  not null,
    unique (name, version),
    check (valid_to is null or valid_to > valid_from)
);

create table map_e_rule (
    rule_set_id      uuid    not null references attribution_rule_set (id),
    ordinal          integer not null,
    rule_ipv6_prefix cidr    not null,
    rule_ipv4_prefix cidr    not null,
    ea_bits_length   integer not null,
    psid_offset      integer not null,
    psid_length      integer not null,
    primary key (rule_set_id, ordinal)
);

create table dcgn_config (
    rule_set_id     uuid    not null references attribution_rule_set (id),
    ordinal         integer not null,
    inside_first    inet    not null,
    inside_last     inet    not null,
    outside_first   inet    not null,
    outside_last    inet    not null,
    compression     integer not null,
    reserved_ports  integer not null,
    dynamic_percent integer not null,
    algorithm       varchar(24) not null,
    primary key (rule_set_id, ordinal)
);

create function attribution_append_only() returns trigger language plpgsql as $$
begin
    raise exception '% is append-only: publish a new version instead', tg_table_name;
end $$;
create trigger attribution_rule_set_append_only before update or delete on attribution_rule_set
    for each row execute function attribution_append_only();
create trigger map_e_rule_append_only before update or delete on map_e_rule
    for each row execute function attribution_append_only();
create trigger dcgn_config_append_only before update or delete on dcgn_config
    for each row execute function attribution_append_only();
