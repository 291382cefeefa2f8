package hozon.ingest.store;

/**
 * The one place identifying fields (subscriber, account, line and mobile identifiers, telephone
 * numbers) are converted to and from their stored form. Today the stored form is the value itself; per-day data keys
 * with keyed-hash blind indexes will replace this bean without touching the queries.
 */
public interface IdentityCodec {

    /** Stored form of an identifying value. */
    String encode(IdentityField field, String value);

    /** Value of a stored identifying field, for a lawful look-up. */
    String decode(IdentityField field, String stored);

    /** Every stored field that identifies a person (README, "Identifying fields"). */
    enum IdentityField {
        SUBSCRIBER,
        ACCOUNT,
        /** RADIUS Calling-Station-Id: a line id, MAC address or MSISDN. */
        CALLING_STATION,
        /** Mobile connection user ID (Enforcement Regulation Art. 2(vi)). */
        MOBILE_USER,
        /** SIM identifier (Art. 2(vii)). */
        SIM,
        /** Telephone number verified by SMS (Art. 2(iii)). */
        PHONE,
        /** The CP's own user identifier (利用管理符号). */
        USER_CODE
    }
}
