-- The built-in categories as a previous fetch from policy-service left them in the cache.
insert into category_cache (code, actor, fetched_at) values
  ('ap.connection-auth', 'AP', now()), ('ap.nat-port-block', 'AP', now()),
  ('cp.account', 'CP', now()), ('cp.login', 'CP', now()), ('cp.post', 'CP', now())
on conflict (code) do nothing;
