-- Crypto-shredding (issue #11): the day keys ingest-service destroyed in a run, per category, as
-- "<key id>@<JST day>@<destroyed at>" separated by commas. Ids and times only, never material.
alter table purge_run_category add column keys_destroyed text not null default '';
