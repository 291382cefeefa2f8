-- Security audit trail (Guideline Art. 12): every write and every denied request, hash-chained.
-- Shared by the three services (hozon.security.AuditTrail); each runs it in its own schema
-- through quarkus.flyway.locations=db/migration,db/common. Repeatable and idempotent, so it
-- never competes with a service's own version numbers.
create table if not exists security_audit (
    seq       bigserial    primary key,
    at        timestamptz  not null,
    principal varchar(200) not null,
    action    text         not null,
    status    integer      not null,
    outcome   varchar(16)  not null,
    prev_hash char(64)     not null,
    hash      char(64)     not null
);

create or replace function security_audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'security_audit is append-only';
end $$;

drop trigger if exists security_audit_no_update on security_audit;
create trigger security_audit_no_update before update or delete on security_audit
    for each row execute function security_audit_append_only();
