-- "Subscriber over a window" look-ups and purpose-achieved deletions select by subscriber.
create index ap_session_subscriber on ap_session (subscriber_id, started_at);
