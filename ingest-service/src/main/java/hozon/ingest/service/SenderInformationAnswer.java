package hozon.ingest.service;

import static hozon.ingest.domain.SenderInformationItem.addressAndPort;
import static hozon.ingest.domain.SenderInformationItem.jst;

import hozon.ingest.domain.SenderInformationItem;
import hozon.ingest.rest.LookupRequests.SenderItem;
import hozon.ingest.rest.LookupRequests.WithheldItem;
import hozon.ingest.store.LookupStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the records a look-up found into sender information item by item of the Enforcement
 * Regulation Art. 2 ({@link SenderInformationItem}), and withholds the items of
 * infringement-related communications when the case's type may not receive them.
 */
final class SenderInformationAnswer {

    private SenderInformationAnswer() {
    }

    /** The items of a CP answer and those withheld from it. */
    record Cp(List<SenderItem> items, List<WithheldItem> withheld) {
    }

    /**
     * What one AP candidate yields: the subscriber to resolve items (i)–(iv) by, the address,
     * port and instant asked about as the matching record confirms them, and the mobile
     * identifiers the session carries.
     */
    static List<SenderItem> ap(LookupStore.SessionRow s, String ip, Integer port, Instant t) {
        String session = "ap.connection-auth session " + s.sessionId() + (s.nasId().isEmpty() ? "" : " at NAS " + s.nasId());
        String match = s.block() == null ? session : "ap.nat-port-block " + addressAndPort(s.block().publicIp(),
                s.block().portStart()) + "-" + s.block().portEnd() + " to " + session;
        List<SenderItem> items = new ArrayList<>();
        add(items, SenderInformationItem.SUBSCRIBER_REGISTER, s.subscriberId(), session, s.start());
        add(items, SenderInformationItem.IP_ADDRESS_AND_PORT, addressAndPort(ip, port), match, t);
        add(items, SenderInformationItem.TIMESTAMP, jst(t), match, t);
        add(items, SenderInformationItem.MOBILE_USER_ID, s.mobileUserId(), session, s.start());
        add(items, SenderInformationItem.SIM_ID, s.simId(), session, s.start());
        return items;
    }

    /**
     * What a CP look-up yields: the post's own items, and those of the nearest infringement-related
     * communications when the post carries no address — given only if {@code relatedAllowed}.
     */
    static Cp cp(LookupStore.CpRow post, List<LookupStore.CpRow> related, boolean relatedAllowed, String relatedReason) {
        List<SenderItem> items = new ArrayList<>();
        String postSource = "cp.post " + post.eventId();
        add(items, SenderInformationItem.IP_ADDRESS_AND_PORT, addressAndPort(post.ip(), post.sourcePort()), postSource,
                post.occurredAt());
        add(items, SenderInformationItem.TIMESTAMP, jst(post.occurredAt()), postSource, post.occurredAt());
        add(items, SenderInformationItem.DESTINATION, addressAndPort(post.destinationIp(), post.destinationPort()),
                postSource, post.occurredAt());
        add(items, SenderInformationItem.USER_MANAGEMENT_CODE, post.userManagementCode(), postSource, post.occurredAt());
        List<SenderItem> found = new ArrayList<>();
        for (LookupStore.CpRow r : related) {
            // A withheld item names the kind of record it is in, never the record itself.
            String source = category(r) + " " + r.kind() + (relatedAllowed ? " " + r.eventId() : "");
            add(found, SenderInformationItem.RELATED_IP_ADDRESS_AND_PORT, addressAndPort(r.ip(), r.sourcePort()), source,
                    r.occurredAt());
            add(found, SenderInformationItem.RELATED_TIMESTAMP, jst(r.occurredAt()), source, r.occurredAt());
            add(found, SenderInformationItem.RELATED_TELEPHONE, r.smsVerifiedPhone(), source, r.occurredAt());
            add(found, SenderInformationItem.RELATED_USER_MANAGEMENT_CODE, r.userManagementCode(), source, r.occurredAt());
            add(found, SenderInformationItem.RELATED_DESTINATION, addressAndPort(r.destinationIp(), r.destinationPort()),
                    source, r.occurredAt());
        }
        if (relatedAllowed) {
            items.addAll(found);
            return new Cp(items, List.of());
        }
        List<WithheldItem> withheld = found.stream().map(i -> new WithheldItem(i.item(), i.article(), i.statutoryName(),
                i.source(), relatedReason)).toList();
        return new Cp(items, withheld);
    }

    private static void add(List<SenderItem> items, SenderInformationItem item, String value, String source, Instant at) {
        if (value != null) {
            items.add(new SenderItem(item.name(), item.article(), item.statutoryName(), value, source, jst(at),
                    item.infringementRelated()));
        }
    }

    private static String category(LookupStore.CpRow r) {
        return r.kind().startsWith("ACCOUNT") ? "cp.account" : "cp.login";
    }
}
