-- The tamper-evident ledger (R7): one entry per finished run, each hashed together with the
-- previous entry's hash. The entry text is kept byte for byte as it was hashed.
create table ledger_entry (
    seq         bigserial   primary key,
    run_id      uuid        not null unique references purge_run (id),
    recorded_at timestamptz not null,
    entry       text        not null,
    prev_hash   char(64)    not null,
    hash        char(64)    not null
);

create function ledger_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'ledger_entry is append-only';
end $$;
create trigger ledger_no_update before update or delete on ledger_entry
    for each row execute function ledger_append_only();

alter table purge_run add column known_plan_digest varchar(64);
alter table purge_run_category add column rows_released bigint not null default 0;
