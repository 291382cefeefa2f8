-- Identifying fields are encrypted under per-day keys (issue #11): equality on them is answered by
-- a blind index beside the column (HMAC-SHA-256 under the day's index key, 16 bytes), which hold
-- selectors, purpose achievements and look-ups compare — never a plain copy.
alter table ap_session add column subscriber_bidx bytea;
alter table ap_session_preserved add column subscriber_bidx bytea;
-- Same columns, same order as ap_session (its trigger copies rows positionally, V10).
alter table ap_session_long add column subscriber_bidx bytea;
drop index ap_session_subscriber;
create index ap_session_subscriber on ap_session (subscriber_bidx, started_at);

-- A CP event is identified by (account, time, event id); with the account encrypted (a random
-- nonce per copy), a retransmitted event is recognised by the account's blind index instead.
-- Rows stored before encryption get a placeholder index (md5 of the plain account): they stay
-- readable and are purged on schedule, but are not found by account.
alter table cp_account_event add column account_bidx bytea;
update cp_account_event set account_bidx = decode(md5(account_id), 'hex');
alter table cp_account_event alter column account_bidx set not null;
alter table cp_account_event drop constraint cp_account_event_pkey;
alter table cp_account_event add constraint cp_account_event_pkey primary key (account_bidx, occurred_at, event_id);

alter table cp_login_event add column account_bidx bytea;
update cp_login_event set account_bidx = decode(md5(account_id), 'hex');
alter table cp_login_event alter column account_bidx set not null;
alter table cp_login_event drop constraint cp_login_event_pkey;
alter table cp_login_event add constraint cp_login_event_pkey primary key (account_bidx, occurred_at, event_id);

alter table cp_post add column account_bidx bytea;
update cp_post set account_bidx = decode(md5(account_id), 'hex');
alter table cp_post alter column account_bidx set not null;
alter table cp_post drop constraint cp_post_pkey;
alter table cp_post add constraint cp_post_pkey primary key (account_bidx, occurred_at, event_id);

-- The preservation area: same keys, same constraint names (preserving upserts on them).
alter table cp_account_event_preserved add column account_bidx bytea;
update cp_account_event_preserved set account_bidx = decode(md5(account_id), 'hex');
alter table cp_account_event_preserved alter column account_bidx set not null;
alter table cp_account_event_preserved drop constraint cp_account_event_preserved_pkey;
alter table cp_account_event_preserved add constraint cp_account_event_preserved_pkey
    primary key (account_bidx, occurred_at, event_id);

alter table cp_login_event_preserved add column account_bidx bytea;
update cp_login_event_preserved set account_bidx = decode(md5(account_id), 'hex');
alter table cp_login_event_preserved alter column account_bidx set not null;
alter table cp_login_event_preserved drop constraint cp_login_event_preserved_pkey;
alter table cp_login_event_preserved add constraint cp_login_event_preserved_pkey
    primary key (account_bidx, occurred_at, event_id);

alter table cp_post_preserved add column account_bidx bytea;
update cp_post_preserved set account_bidx = decode(md5(account_id), 'hex');
alter table cp_post_preserved alter column account_bidx set not null;
alter table cp_post_preserved drop constraint cp_post_preserved_pkey;
alter table cp_post_preserved add constraint cp_post_preserved_pkey primary key (account_bidx, occurred_at, event_id);

-- A held record that leaves the live tables is re-encrypted under its hold's key, and its blind
-- index under that key goes here (the day index above stays as the preserved row's key, opaque
-- once the day key is destroyed). Null on live rows. Same column order on ap_session_long.
alter table ap_session add column hold_bidx bytea;
alter table ap_session_preserved add column hold_bidx bytea;
alter table ap_session_long add column hold_bidx bytea;
alter table cp_account_event add column hold_bidx bytea;
alter table cp_login_event add column hold_bidx bytea;
alter table cp_post add column hold_bidx bytea;
alter table cp_account_event_preserved add column hold_bidx bytea;
alter table cp_login_event_preserved add column hold_bidx bytea;
alter table cp_post_preserved add column hold_bidx bytea;
