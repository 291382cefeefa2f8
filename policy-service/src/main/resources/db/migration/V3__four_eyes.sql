-- Four-eyes: a rule beyond the Guideline's norms is PENDING_APPROVAL (never in force) until a
-- second policy-admin approves it; a hold's release waits for a second legal officer.
alter table retention_rule add column status varchar(24) not null default 'ACTIVE'
    check (status in ('ACTIVE', 'PENDING_APPROVAL', 'REJECTED'));
alter table retention_rule add column approved_by varchar(200);
alter table retention_rule add column approved_at timestamptz;

create table approval_request (
    id           uuid         primary key,
    kind         varchar(24)  not null check (kind in ('RULE_ACTIVATION', 'HOLD_RELEASE')),
    target_id    uuid         not null,
    detail       text,
    release_kind varchar(16),
    requested_by varchar(200) not null,
    requested_at timestamptz  not null,
    status       varchar(16)  not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    decided_by   varchar(200),
    decided_at   timestamptz,
    comment      text
);
create index approval_request_pending on approval_request (status, requested_at);
