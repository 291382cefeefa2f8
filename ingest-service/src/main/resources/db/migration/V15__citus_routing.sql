-- Scale-out on Citus (issue #22). Two parts: a routing key every database gets, and the
-- distribution itself, which runs only where the citus extension is installed (plain PostgreSQL
-- is left as it was).
--
-- 1. Routing key of AP sessions. A look-up asks "which session's address or delegated prefix
-- contains X" (assigned_ip >>= X), which a sharded store cannot route: containment is not
-- equality. route_key is the session's address cut to a fixed prefix — /24 for IPv4, /48 for
-- IPv6 (RFC 6177's site prefix; a /56 or /64 delegation and every address in it share their
-- /48) — so "the sessions containing X" are among "route_key = route_key(X)", one shard.
-- A session wider than that (an IPv4 route shorter than /24, an IPv6 delegation shorter than
-- /48) keeps its own network as key, and its length is written to route_width, so that a
-- look-up also asks the key of X at that length (LookupStore: one more key per width in use).
-- The lengths are part of the stored data: changing them means re-keying every session.

create function route_length(family int) returns int language sql immutable strict parallel safe as $$
    select case family when 4 then 24 else 48 end
$$;

-- Calls between these functions name their schema: Citus runs them on the workers too (in a
-- shard's check constraint or a pushed-down expression), where the search path is not ours.
create function route_key(a inet) returns inet language sql immutable strict parallel safe as $$
    select network(set_masklen(a, least(masklen(a), ${flyway:defaultSchema}.route_length(family(a)))))
$$;

-- The keys under which sessions containing address a are stored: route_key(a), and a's network
-- at each wider length in use for its family. (A look-up computes them in Java, RouteKeys, so
-- that Citus sees constants it can route by; a property test holds both equal.)
create function route_keys(a inet, v4_widths int[], v6_widths int[]) returns inet[] language sql immutable
    parallel safe as $$
    select array[${flyway:defaultSchema}.route_key(a)] || coalesce(array(select network(set_masklen(a, w))
        from unnest(case family(a) when 4 then v4_widths else v6_widths end) w
        where w < ${flyway:defaultSchema}.route_length(family(a)) and w <= masklen(a) order by w), '{}')
$$;

create table route_width (
    family smallint not null check (family in (4, 6)),
    len    smallint not null,
    primary key (family, len),
    check (len >= 0 and len < route_length(family))
);

alter table ap_session add column route_key inet;
alter table ap_session_preserved add column route_key inet;
-- Same column order on ap_session_long (its V10 trigger copies rows positionally).
alter table ap_session_long add column route_key inet;

update ap_session set route_key = route_key(assigned_ip);
update ap_session_long set route_key = route_key(assigned_ip) where route_key is null;
update ap_session_preserved set route_key = route_key(assigned_ip);
insert into route_width
    select distinct family(assigned_ip), masklen(assigned_ip) from (
        select assigned_ip from ap_session union all select assigned_ip from ap_session_long
        union all select assigned_ip from ap_session_preserved) s
    where masklen(assigned_ip) < route_length(family(assigned_ip));

alter table ap_session alter column route_key set not null;
alter table ap_session_long alter column route_key set not null;
alter table ap_session_preserved alter column route_key set not null;

-- Every unique key holds the distribution column (route_key is a function of assigned_ip, so
-- uniqueness is what it was).
alter table ap_session drop constraint ap_session_pkey;
alter table ap_session add constraint ap_session_pkey
    primary key (route_key, assigned_ip, started_at, nas_id, session_id);
alter table ap_session_long drop constraint ap_session_long_pkey;
alter table ap_session_long add constraint ap_session_long_pkey
    primary key (route_key, assigned_ip, started_at, nas_id, session_id);
alter table ap_session_preserved drop constraint ap_session_preserved_pkey;
alter table ap_session_preserved add constraint ap_session_preserved_pkey
    primary key (route_key, assigned_ip, started_at, nas_id, session_id);

-- 2. Distribution, only on Citus. Distribution columns (one colocation group per key type):
--   AP sessions (live, _long, preserved)     route_key    look-ups by address route here
--   AP port blocks (live, _long, preserved)  public_ip    look-ups by public address
--   CP events and posts (live, preserved)    account_bidx the primary key's first column
-- Reference tables (small, read by every node): category_cache, the attribution rule sets,
-- stored/removed volumes, applied cutoffs, the purge execution log, route_width. Everything
-- else (look-up audit, idempotency records, RADIUS session state, expired look-ups) stays a
-- local table on the coordinator, the only entry point of the services (README, "Sharded").
--
-- Triggers: the _long bookkeeping (V10) and the append-only rule sets (V9) stay triggers. Citus
-- refuses to distribute a table with triggers unless citus.enable_unsafe_triggers is on; with it,
-- they are cloned onto every shard and fire there. That is safe here because each trigger only
-- touches rows of the same key: the _long copy of a row (same distribution column, colocated
-- shard) or nothing (the append-only triggers only raise). A _long table must be empty when its
-- parent is distributed (the shard triggers re-insert every copied row), so it is distributed,
-- emptied, and refilled by its parent's copy.
do $$
begin
    if not exists (select 1 from pg_extension where extname = 'citus') then
        return;
    end if;
    perform set_config('citus.enable_unsafe_triggers', 'on', true);
    perform set_config('citus.multi_shard_modify_mode', 'sequential', true);

    perform create_reference_table('category_cache');
    perform create_reference_table('attribution_rule_set');
    perform create_reference_table('map_e_rule');
    perform create_reference_table('dcgn_config');
    perform create_reference_table('stored_volume');
    perform create_reference_table('removed_volume');
    perform create_reference_table('applied_cutoff');
    perform create_reference_table('purge_execution_log');
    perform create_reference_table('route_width');

    perform create_distributed_table('ap_session_long', 'route_key');
    truncate ap_session_long;
    perform create_distributed_table('ap_session', 'route_key', colocate_with => 'ap_session_long');
    perform create_distributed_table('ap_session_preserved', 'route_key', colocate_with => 'ap_session_long');

    perform create_distributed_table('ap_port_block_long', 'public_ip', colocate_with => 'none');
    truncate ap_port_block_long;
    perform create_distributed_table('ap_port_block', 'public_ip', colocate_with => 'ap_port_block_long');
    perform create_distributed_table('ap_port_block_preserved', 'public_ip', colocate_with => 'ap_port_block_long');

    perform create_distributed_table('cp_post', 'account_bidx');
    perform create_distributed_table('cp_account_event', 'account_bidx', colocate_with => 'cp_post');
    perform create_distributed_table('cp_login_event', 'account_bidx', colocate_with => 'cp_post');
    perform create_distributed_table('cp_post_preserved', 'account_bidx', colocate_with => 'cp_post');
    perform create_distributed_table('cp_account_event_preserved', 'account_bidx', colocate_with => 'cp_post');
    perform create_distributed_table('cp_login_event_preserved', 'account_bidx', colocate_with => 'cp_post');
end $$;
