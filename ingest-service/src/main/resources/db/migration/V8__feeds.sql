-- Feeds (issue #4): RADIUS accounting sessions, CGNAT port-block events, idempotent batches,
-- the category list cached from policy-service.

-- What a RADIUS session record may carry beyond V1: the attributes of the accounting feed that
-- identify the line (Calling-Station-Id), group sessions (Acct-Multi-Session-Id), and why and how
-- the interval ended (Acct-Terminate-Cause, NAS reboot, stale).
alter table ap_session add column calling_station_id text, add column multi_session_id text,
    add column end_cause text;
alter table ap_session_preserved add column calling_station_id text, add column multi_session_id text,
    add column end_cause text;

-- RADIUS session state: Start / Interim-Update / Stop of one (NAS, Acct-Session-Id) form one
-- interval per address. One row per address of a session, kept while it is open and for a while
-- after it closed, so that late or repeated packets never reopen or duplicate it. Not the log
-- itself (that is ap_session): rows are dropped some time after the session closed.
create table radius_session_state (
    nas_id       text        not null,
    session_id   text        not null,
    assigned_ip  inet        not null,
    started_at   timestamptz not null,
    last_seen_at timestamptz not null,
    closed_at    timestamptz,
    primary key (nas_id, session_id, assigned_ip)
);
create index radius_session_state_open on radius_session_state (nas_id, last_seen_at) where closed_at is null;
create index radius_session_state_closed on radius_session_state (closed_at) where closed_at is not null;

-- Batches sent with an Idempotency-Key: the first answer is kept and replayed for a retry with
-- the same key and body. Per principal; dropped after a day.
create table idempotency_record (
    principal   varchar(200) not null,
    key         varchar(200) not null,
    endpoint    varchar(200) not null,
    body_sha256 bytea        not null,
    status      integer      not null,
    response    text         not null,
    created_at  timestamptz  not null,
    primary key (principal, key)
);
create index idempotency_record_created on idempotency_record (created_at);

-- The log categories registered at policy-service, as last fetched: ingest accepts records of a
-- registered category only, and keeps doing so from this copy while policy-service is down.
create table category_cache (
    code       varchar(64)  not null primary key,
    actor      varchar(8)   not null,
    fetched_at timestamptz  not null
);
