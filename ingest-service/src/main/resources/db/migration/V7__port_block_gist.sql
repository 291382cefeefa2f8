-- The port-block step of the AP chain, (public address, port, instant) → inside address, as one
-- GiST probe like the session step (V6), instead of every block the address ever had before
-- the instant.
create index ap_port_block_gist on ap_port_block using gist (
    public_ip inet_ops,
    int4range(port_start, port_end, '[]'),
    tstzrange(allocated_at, coalesce(released_at, 'infinity'::timestamptz), '[)'));
