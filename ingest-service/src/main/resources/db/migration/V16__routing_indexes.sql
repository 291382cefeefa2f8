-- Routing indexes (issue #22): two look-up questions are asked by a column that is not their
-- table's distribution column, so on a sharded store they would reach every shard:
--   "which session held public address P (and port) at T"  — sessions are sharded by route_key;
--   "which account sent post X"                              — posts are sharded by account.
-- Each gets a small table sharded by what is asked, pointing at the row by its full key; the
-- look-up reads the pointer (one shard), then the row by its key (one shard). Plain PostgreSQL
-- keeps the pointers too (one schema for both; the tests hold their life cycle) and reads posts
-- through them; sessions by public address it still finds in its one look-up statement.
--
-- These are indexes, not copies: a pointer holds no identity (no subscriber, no account — only
-- the account's day blind index, which is the post row's key), and lives exactly as long as its
-- row, live or preserved. Written by ingest-service in the transaction that writes the row
-- (LogStore), deleted with it (PartitionPurger: a deleted row's pointer in the same statement, a
-- dropped day's pointers in the same transaction, except those of rows just preserved).

create table ap_session_public (
    public_ip         inet        not null,
    public_port_start integer,
    public_port_end   integer,
    started_at        timestamptz not null,
    ended_at          timestamptz,
    route_key         inet        not null,
    assigned_ip       inet        not null,
    nas_id            text        not null,
    session_id        text        not null,
    primary key (public_ip, started_at, route_key, assigned_ip, nas_id, session_id)
);
create index ap_session_public_pointer_gist on ap_session_public using gist (
    public_ip inet_ops,
    int4range(public_port_start, public_port_end, '[]'),
    tstzrange(started_at, coalesce(ended_at, 'infinity'::timestamptz), '[)'));
-- A dropped day's pointers go by time.
create index ap_session_public_pointer_started on ap_session_public (started_at);

insert into ap_session_public
    select public_ip, public_port_start, public_port_end, started_at, ended_at, route_key, assigned_ip, nas_id, session_id
    from ap_session where public_ip is not null
    union all
    select public_ip, public_port_start, public_port_end, started_at, ended_at, route_key, assigned_ip, nas_id, session_id
    from ap_session_preserved where public_ip is not null;

create table cp_post_ref (
    event_id     text        not null,
    occurred_at  timestamptz not null,
    account_bidx bytea       not null,
    primary key (event_id, occurred_at, account_bidx)
);
create index cp_post_ref_occurred on cp_post_ref (occurred_at);

insert into cp_post_ref
    select event_id, occurred_at, account_bidx from cp_post
    union all
    select event_id, occurred_at, account_bidx from cp_post_preserved;

-- On Citus: each pointer table sharded by what it is asked by, beside what it is asked with
-- (public addresses with the port blocks).
do $$
begin
    if not exists (select 1 from pg_extension where extname = 'citus') then
        return;
    end if;
    -- Parallel mode (the default): the copies above already read the shards in parallel.
    perform create_distributed_table('ap_session_public', 'public_ip', colocate_with => 'ap_port_block');
    perform create_distributed_table('cp_post_ref', 'event_id', colocate_with => 'none');
end $$;
