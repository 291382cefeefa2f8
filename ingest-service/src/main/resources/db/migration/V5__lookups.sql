-- Look-ups (R6): who had an address at an instant, where a post came from.

-- "Which assigned address or delegated prefix contains this address" needs GiST; the primary
-- key's btree serves exact IPv4 equality. CGNAT public addresses are looked up by equality.
create index ap_session_assigned_gist on ap_session using gist (assigned_ip inet_ops);
create index ap_session_public on ap_session (public_ip, started_at) where public_ip is not null;
create index ap_port_block_inside on ap_port_block (inside_ip, allocated_at);

-- Every look-up, answered or refused: who, under which case, what was asked, when, how many
-- results. Never the results themselves. Append-only.
create table lookup_audit (
    id           bigserial    primary key,
    at           timestamptz  not null,
    principal    varchar(200) not null,
    case_id      uuid         not null,
    lookup_kind  varchar(16)  not null,
    query        jsonb        not null,
    outcome      varchar(24)  not null,
    result_count integer      not null,
    reason       text
);
create function lookup_audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'lookup_audit is append-only';
end $$;
create trigger lookup_audit_no_update before update or delete on lookup_audit
    for each row execute function lookup_audit_append_only();

-- The latest cutoff each category was purged to: a look-up that finds nothing for an
-- instant before it asked for logs that were already gone (R9).
create table applied_cutoff (
    category varchar(64) primary key,
    cutoff   timestamptz not null,
    at       timestamptz not null
);

-- Look-ups that came after the logs were deleted, by category, JST month of the request and
-- age of the instant asked about: the evidence the ministry's review of the revision needs.
create table expired_lookup (
    id          bigserial   primary key,
    at          timestamptz not null,
    category    varchar(64) not null,
    asked_about timestamptz not null,
    age_days    integer     not null
);
