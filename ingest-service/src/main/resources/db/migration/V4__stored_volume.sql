-- Records stored per category and event hour, kept by the same transactions that insert and
-- delete rows, so that a day can be expired by DROP without counting its rows first, and
-- daily statistics need no table scan. Spread over 16 shards per hour (by connection) so that
-- concurrent batches of one hour do not queue on one counter row; readers sum the shards.
create table stored_volume (
    category varchar(64) not null,
    hour     timestamptz not null,
    shard    smallint    not null,
    records  bigint      not null,
    primary key (category, hour, shard)
);

insert into stored_volume (category, hour, shard, records)
select category, hour, 0, count(*) from (
    select 'ap.connection-auth' as category, date_trunc('hour', started_at) as hour from ap_session
    union all select 'ap.connection-auth', date_trunc('hour', started_at) from ap_session_preserved
    union all select 'ap.nat-port-block', date_trunc('hour', allocated_at) from ap_port_block
    union all select 'ap.nat-port-block', date_trunc('hour', allocated_at) from ap_port_block_preserved
    union all select 'cp.account', date_trunc('hour', occurred_at) from cp_account_event
    union all select 'cp.account', date_trunc('hour', occurred_at) from cp_account_event_preserved
    union all select 'cp.login', date_trunc('hour', occurred_at) from cp_login_event
    union all select 'cp.login', date_trunc('hour', occurred_at) from cp_login_event_preserved
    union all select 'cp.post', date_trunc('hour', occurred_at) from cp_post
    union all select 'cp.post', date_trunc('hour', occurred_at) from cp_post_preserved
) r group by category, hour;
