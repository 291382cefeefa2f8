package hozon.ingest.store;

import java.util.List;

/**
 * The prefix lengths in use that are wider than the routing key's (V15 {@code route_width}), per
 * family: a session with such a prefix is stored under its own network, so a look-up asks the
 * key at that length too ({@link RouteKeys}).
 */
public record RouteWidths(List<Integer> v4, List<Integer> v6) {

    public RouteWidths {
        v4 = List.copyOf(v4);
        v6 = List.copyOf(v6);
    }

    /** The widths of IPv4 (4) or IPv6 (6). */
    public List<Integer> of(int family) {
        return family == 4 ? v4 : v6;
    }
}
