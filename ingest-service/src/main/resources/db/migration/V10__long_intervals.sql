-- A look-up asks which sessions (and port blocks) were alive at an instant. Rows are partitioned
-- by the day they started, and an interval may have started any number of days earlier, so
-- without more knowledge every day partition up to the instant must be probed: with ~180 daily
-- partitions that is ~180 index probes per branch of the look-up.
--
-- An interval of at most one day that is alive at t started after t - 1 day. Every other
-- interval (still open, or longer than a day) is also kept here, in one unpartitioned table per
-- kind, maintained by the triggers below on every insert, update and delete of the partitioned
-- table. A look-up then probes the partitions of the days around its instant (started_at >=
-- window start - 1 day) and this table (started_at < that bound), and nothing else.
--
-- These tables are an index, not a second copy of the log: their rows come and go with the rows
-- of the partitioned table (a dropped day partition deletes its rows here explicitly, see
-- PartitionPurger), and they are never read but by look-ups. The one-day bound is
-- hozon.ingest.store.IntervalTable.LONG; both must change together. The column lists must stay
-- those of the partitioned tables (a later migration adding a column adds it here too).

create table ap_session_long (like ap_session including defaults);
alter table ap_session_long add primary key (assigned_ip, started_at, nas_id, session_id);
create index ap_session_long_assigned_gist on ap_session_long using gist (
    assigned_ip inet_ops,
    tstzrange(started_at, coalesce(ended_at, 'infinity'::timestamptz), '[)'));
create index ap_session_long_public_gist on ap_session_long using gist (
    public_ip inet_ops,
    int4range(public_port_start, public_port_end, '[]'),
    tstzrange(started_at, coalesce(ended_at, 'infinity'::timestamptz), '[)'))
    where public_ip is not null;

create table ap_port_block_long (like ap_port_block including defaults);
alter table ap_port_block_long add primary key (public_ip, allocated_at, port_start);
create index ap_port_block_long_gist on ap_port_block_long using gist (
    public_ip inet_ops,
    int4range(port_start, port_end, '[]'),
    tstzrange(allocated_at, coalesce(released_at, 'infinity'::timestamptz), '[)'));
create index ap_port_block_long_inside on ap_port_block_long (inside_ip, allocated_at);

-- search_path as at migration: the triggers fire for any session writing to the log store.
create function ap_session_long_sync() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        delete from ap_session_long where assigned_ip = old.assigned_ip and started_at = old.started_at
            and nas_id = old.nas_id and session_id = old.session_id;
    end if;
    if tg_op in ('INSERT', 'UPDATE')
            and (new.ended_at is null or new.ended_at - new.started_at > interval '1 day') then
        insert into ap_session_long values (new.*);
    end if;
    return null;
end $$;

create function ap_port_block_long_sync() returns trigger language plpgsql set search_path from current as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        delete from ap_port_block_long where public_ip = old.public_ip and allocated_at = old.allocated_at
            and port_start = old.port_start;
    end if;
    if tg_op in ('INSERT', 'UPDATE')
            and (new.released_at is null or new.released_at - new.allocated_at > interval '1 day') then
        insert into ap_port_block_long values (new.*);
    end if;
    return null;
end $$;

-- The WHEN conditions keep the common case (a closed interval of at most a day) free of any
-- trigger call.
create trigger ap_session_long_insert after insert on ap_session for each row
    when (new.ended_at is null or new.ended_at - new.started_at > interval '1 day')
    execute function ap_session_long_sync();
create trigger ap_session_long_update after update on ap_session for each row
    when (old.ended_at is null or old.ended_at - old.started_at > interval '1 day'
          or new.ended_at is null or new.ended_at - new.started_at > interval '1 day')
    execute function ap_session_long_sync();
create trigger ap_session_long_delete after delete on ap_session for each row
    when (old.ended_at is null or old.ended_at - old.started_at > interval '1 day')
    execute function ap_session_long_sync();

create trigger ap_port_block_long_insert after insert on ap_port_block for each row
    when (new.released_at is null or new.released_at - new.allocated_at > interval '1 day')
    execute function ap_port_block_long_sync();
create trigger ap_port_block_long_update after update on ap_port_block for each row
    when (old.released_at is null or old.released_at - old.allocated_at > interval '1 day'
          or new.released_at is null or new.released_at - new.allocated_at > interval '1 day')
    execute function ap_port_block_long_sync();
create trigger ap_port_block_long_delete after delete on ap_port_block for each row
    when (old.released_at is null or old.released_at - old.allocated_at > interval '1 day')
    execute function ap_port_block_long_sync();

insert into ap_session_long
    select * from ap_session where ended_at is null or ended_at - started_at > interval '1 day';
insert into ap_port_block_long
    select * from ap_port_block where released_at is null or released_at - allocated_at > interval '1 day';
