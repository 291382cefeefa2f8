-- Look-ups by (address, port, instant) as one GiST probe: the address, the port range and the
-- session interval (start inclusive, end exclusive, open = infinity) in one index, instead of
-- scanning every session a shared CGN address ever had before the instant.
drop index if exists ap_session_public;
drop index if exists ap_session_assigned_gist;
create index ap_session_public_gist on ap_session using gist (
    public_ip inet_ops,
    int4range(public_port_start, public_port_end, '[]'),
    tstzrange(started_at, coalesce(ended_at, 'infinity'::timestamptz), '[)'))
    where public_ip is not null;
create index ap_session_assigned_gist on ap_session using gist (
    assigned_ip inet_ops,
    tstzrange(started_at, coalesce(ended_at, 'infinity'::timestamptz), '[)'));
