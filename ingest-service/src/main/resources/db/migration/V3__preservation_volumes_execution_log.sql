-- Preservation area: rows a hold protects are copied here, tagged with the holds, before
-- their day's partition is dropped. They leave on the first run after every hold on them
-- has ended and their retention is past. Same keys as the live tables (Citus-ready).
create table ap_session_preserved (like ap_session including defaults including constraints);
alter table ap_session_preserved add primary key (assigned_ip, started_at, nas_id, session_id);
create table ap_port_block_preserved (like ap_port_block including defaults including constraints);
alter table ap_port_block_preserved add primary key (public_ip, allocated_at, port_start);
create table cp_account_event_preserved (like cp_account_event including defaults including constraints);
alter table cp_account_event_preserved add primary key (account_id, occurred_at, event_id);
create table cp_login_event_preserved (like cp_login_event including defaults including constraints);
alter table cp_login_event_preserved add primary key (account_id, occurred_at, event_id);
create table cp_post_preserved (like cp_post including defaults including constraints);
alter table cp_post_preserved add primary key (account_id, occurred_at, event_id);

alter table ap_session_preserved add column hold_ids uuid[] not null, add column preserved_at timestamptz not null;
alter table ap_port_block_preserved add column hold_ids uuid[] not null, add column preserved_at timestamptz not null;
alter table cp_account_event_preserved add column hold_ids uuid[] not null, add column preserved_at timestamptz not null;
alter table cp_login_event_preserved add column hold_ids uuid[] not null, add column preserved_at timestamptz not null;
alter table cp_post_preserved add column hold_ids uuid[] not null, add column preserved_at timestamptz not null;

-- De-identified remains (R4): how many records of a category were removed per event hour.
-- No identifier, address or id survives deletion; volumes do.
create table removed_volume (
    category varchar(64) not null,
    hour     timestamptz not null,
    records  bigint      not null,
    primary key (category, hour)
);

-- What each purge run actually did, written in the same transaction as the deletion itself,
-- so that after a crash the counts of a run are exactly what went.
create table purge_execution_log (
    id         bigserial   primary key,
    run_id     uuid        not null,
    category   varchar(64) not null,
    relation   text        not null,   -- a partition or preservation table name: days, never identifiers
    action     varchar(16) not null check (action in ('DROP', 'DELETE', 'PURPOSE', 'PRESERVE', 'RELEASE')),
    rows       bigint      not null,
    held_rows  bigint      not null default 0,
    at         timestamptz not null
);
create index purge_execution_log_run on purge_execution_log (run_id, id);
