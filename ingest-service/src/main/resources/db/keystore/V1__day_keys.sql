-- The key store (issue #11): day keys that encrypt the log store's identifying fields, kept
-- outside the log database and its backups. Each key encrypts one category's records of one
-- JST day; destroying it (wrapped := null) makes that day's identities unreadable everywhere
-- at once — live tables, base backups, WAL archives, replicas.
create table day_key (
    id              bigserial   primary key,
    category        text        not null,
    day             date        not null,   -- JST calendar day of the records it encrypts
    kek_id          text,                   -- the key-encryption key that wrapped it
    wrapped         bytea,                  -- AES-256-GCM(KEK, data key ‖ index key); null once destroyed
    created_at      timestamptz not null default now(),
    destroyed_at    timestamptz,
    destroyed_by    text,                   -- the purge run (or operator action) that destroyed it
    check ((wrapped is null) = (destroyed_at is not null)),
    check ((wrapped is null) = (kek_id is null))
);
-- One live key per category and day; a day whose key was destroyed gets a new one if late
-- records for it arrive (they are past retention, and go with the next purge).
create unique index day_key_live on day_key (category, day) where destroyed_at is null;
create index day_key_kek on day_key (kek_id) where destroyed_at is null;
