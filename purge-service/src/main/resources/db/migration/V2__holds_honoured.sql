-- Which holds each run honoured, and per category what holds kept and purpose achievement removed.
create table purge_run_hold (
    run_id  uuid not null references purge_run (id),
    hold_id uuid not null,
    primary key (run_id, hold_id)
);
alter table purge_run_category add column rows_deleted_for_purpose bigint not null default 0;
alter table purge_run_category add column rows_held bigint not null default 0;
