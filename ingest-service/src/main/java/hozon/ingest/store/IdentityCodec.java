package hozon.ingest.store;

/**
 * The one place identifying fields (subscriber, account, calling station) are converted to
 * and from their stored form. Today the stored form is the value itself; per-day data keys
 * with keyed-hash blind indexes will replace this bean without touching the queries.
 */
public interface IdentityCodec {

    /** Stored form of an identifying value. */
    String encode(IdentityField field, String value);

    /** Value of a stored identifying field, for a lawful look-up. */
    String decode(IdentityField field, String stored);

    enum IdentityField {
        SUBSCRIBER,
        ACCOUNT
    }
}
