-- purge-service schema: every purge run and what it removed per category.

create table purge_run (
    id             uuid        primary key,
    trigger        varchar(16) not null check (trigger in ('SCHEDULED', 'MANUAL')),
    started_at     timestamptz not null,
    finished_at    timestamptz,
    outcome        varchar(16) not null check (outcome in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    failure_reason text,
    plan_as_of     timestamptz,
    plan_digest    varchar(64)
);
create index purge_run_started on purge_run (started_at desc);

create table purge_run_category (
    run_id             uuid        not null references purge_run (id),
    category           varchar(64) not null,
    rule_id            uuid        not null,
    rule_version       integer     not null,
    period             varchar(32) not null,
    plan_cutoff        timestamptz not null,
    applied_cutoff     timestamptz not null,
    partitions_dropped integer     not null default 0,
    rows_deleted       bigint      not null default 0,
    primary key (run_id, category)
);
