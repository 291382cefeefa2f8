-- Rules: "until purpose achieved" mode (period is then the mandatory cap), purposes per
-- version, and the explicit mark a rule needs to go beyond the Guideline's one-year norm.
alter table retention_rule add column mode varchar(32) not null default 'PERIOD'
    check (mode in ('PERIOD', 'UNTIL_PURPOSE_ACHIEVED'));
alter table retention_rule add column exceptional boolean not null default false;

create table retention_rule_purpose (
    rule_id      uuid        not null references retention_rule (id),
    purpose_code varchar(64) not null references purpose (code),
    primary key (rule_id, purpose_code)
);
insert into retention_rule_purpose (rule_id, purpose_code)
    select r.id, cp.purpose_code from retention_rule r join category_purpose cp on cp.category_code = r.category_code;

-- "Purpose achieved for selector S at instant A": records of S before A become due for
-- categories whose rule in force is UNTIL_PURPOSE_ACHIEVED.
create table purpose_achievement (
    id             uuid         primary key,
    category_code  varchar(64)  not null references log_category (code),
    selector_kind  varchar(16)  not null check (selector_kind in ('SUBSCRIBER', 'ACCOUNT')),
    selector_value text         not null,
    achieved_at    timestamptz  not null,
    reason         text         not null,
    author         varchar(200) not null,
    created_at     timestamptz  not null
);
create index purpose_achievement_category on purpose_achievement (category_code, achieved_at);

-- Legal holds. Type-specific fields are nullable columns, checked by the service.
create table legal_hold (
    id              uuid         primary key,
    type            varchar(32)  not null check (type in ('PRESERVATION_REQUEST', 'DELETION_PROHIBITION_ORDER',
                                                          'EMERGENCY_PRESERVATION', 'OTHER_STATUTE')),
    starts_at       timestamptz  not null,
    ends_at         timestamptz,              -- null: until released
    review_date     date,
    window_from     timestamptz  not null,
    window_to       timestamptz  not null check (window_to > window_from),
    confidential    boolean      not null default false,
    authority       text,
    officer         text,
    document_ref    text,
    request_date    date,
    court           text,
    case_number     text,
    reason          text,
    statute         text,
    article         text,
    released_at     timestamptz,
    release_kind    varchar(16) check (release_kind in ('RELEASED', 'WITHDRAWN')),
    release_reason  text,
    author          varchar(200) not null,
    created_at      timestamptz  not null
);
create index legal_hold_in_force on legal_hold (starts_at, ends_at, released_at);

create table legal_hold_category (
    hold_id       uuid        not null references legal_hold (id),
    category_code varchar(64) not null references log_category (code),
    primary key (hold_id, category_code)
);

create table legal_hold_selector (
    hold_id    uuid        not null references legal_hold (id),
    position   integer     not null,
    kind       varchar(16) not null check (kind in ('SUBSCRIBER', 'ACCOUNT', 'POST', 'SESSION', 'IP')),
    value      text        not null,
    port_start integer check (port_start between 0 and 65535),
    port_end   integer check (port_end between 0 and 65535),
    primary key (hold_id, position)
);

create table legal_hold_extension (
    hold_id      uuid         not null references legal_hold (id),
    position     integer      not null,
    days         integer      not null check (days > 0),
    document_ref text         not null,
    previous_end timestamptz  not null,
    new_end      timestamptz  not null,
    author       varchar(200) not null,
    created_at   timestamptz  not null,
    primary key (hold_id, position)
);

-- Cases: the legal basis a look-up must cite.
create table legal_case (
    id            uuid         primary key,
    type          varchar(32)  not null check (type in ('WARRANT', 'DISCLOSURE_ORDER', 'PROVISION_ORDER',
                                                        'DISCLOSURE_REQUEST', 'SERVICE_PROTECTION')),
    reference     text         not null,
    issuer        text         not null,
    description   text,
    valid_from    timestamptz  not null,
    valid_to      timestamptz  not null check (valid_to > valid_from),
    closed_at     timestamptz,
    author        varchar(200) not null,
    created_at    timestamptz  not null
);

create table legal_case_scope (
    case_id       uuid        not null references legal_case (id),
    lookup_kind   varchar(32) not null check (lookup_kind in ('AP_ADDRESS', 'CP_POST')),
    primary key (case_id, lookup_kind)
);

create table legal_case_category (
    case_id       uuid        not null references legal_case (id),
    category_code varchar(64) not null references log_category (code),
    primary key (case_id, category_code)
);

-- Append-only record of every change to rules, holds, cases and purpose achievements.
create table policy_audit (
    id          bigserial    primary key,
    at          timestamptz  not null,
    actor       varchar(200) not null,
    action      varchar(48)  not null,
    entity_type varchar(32)  not null,
    entity_id   uuid         not null,
    before      jsonb,
    after       jsonb
);
create index policy_audit_entity on policy_audit (entity_id, id);

create function policy_audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'policy_audit is append-only';
end $$;
create trigger policy_audit_no_update before update or delete on policy_audit
    for each row execute function policy_audit_append_only();
