-- ingest-service log store. One table per record kind, range-partitioned by event day (UTC),
-- so that a whole expired day goes by dropping its partition. Partitions are created on
-- demand by the service (PartitionManager), named <table>_pYYYYMMDD.
--
-- Citus-ready from the start: no foreign keys into or out of these tables; every unique key
-- holds the partition column and the would-be distribution column (the assigned or public IP
-- for AP tables, the account id for CP tables); those columns are never UPDATEd.

create table ap_session (
    assigned_ip       inet        not null,  -- framed IPv4 address, IPv6 address or delegated prefix
    started_at        timestamptz not null,  -- event time claimed by the source
    nas_id            text        not null default '',
    session_id        text        not null,
    subscriber_id     text        not null,
    public_ip         inet,
    public_port_start integer,
    public_port_end   integer,
    ended_at          timestamptz,
    received_at       timestamptz not null,
    primary key (assigned_ip, started_at, nas_id, session_id),
    check (ended_at is null or ended_at >= started_at),
    check ((public_port_start is null) = (public_port_end is null)),
    check (public_port_start is null or (public_port_start between 0 and 65535
                                         and public_port_end between public_port_start and 65535))
) partition by range (started_at);

create table ap_port_block (
    public_ip    inet        not null,
    allocated_at timestamptz not null,
    port_start   integer     not null check (port_start between 0 and 65535),
    port_end     integer     not null check (port_end between 0 and 65535),
    inside_ip    inet        not null,
    device_id    text        not null default '',
    released_at  timestamptz,
    received_at  timestamptz not null,
    primary key (public_ip, allocated_at, port_start),
    check (port_end >= port_start),
    check (released_at is null or released_at >= allocated_at)
) partition by range (allocated_at);

-- The three CP kinds share one shape; they are separate tables because each category has its
-- own retention rule, and a rule must be able to drop a day of one without touching the others.
create table cp_account_event (
    account_id  text        not null,
    occurred_at timestamptz not null,
    event_id    text        not null,
    event_type  text        not null,
    ip          inet,
    source_port integer check (source_port between 0 and 65535),
    received_at timestamptz not null,
    primary key (account_id, occurred_at, event_id)
) partition by range (occurred_at);

create table cp_login_event (like cp_account_event including constraints including defaults)
    partition by range (occurred_at);
alter table cp_login_event add primary key (account_id, occurred_at, event_id);

create table cp_post (like cp_account_event including constraints including defaults)
    partition by range (occurred_at);
alter table cp_post add primary key (account_id, occurred_at, event_id);
create index cp_post_event_id on cp_post (event_id);
