package hozon.ingest.store;

import java.time.Instant;
import java.util.List;

/**
 * The one place identifying fields are converted to and from their stored form. Implemented by
 * {@link hozon.ingest.crypto.FieldCipher}: AES-256-GCM under the data key of the record's
 * (category, JST day), bound to the record and the field; searches compare a blind index
 * (HMAC-SHA-256 under the same day's index key), never a plain copy.
 */
public interface IdentityCodec {

    /** What a look-up shows for a value whose day key was destroyed (the day is erased). */
    String ERASED = "erased";

    /**
     * Stored form of an identifying value of a record of {@code category} whose event time is
     * {@code at}; {@code recordId} names the record (see {@link #recordId}). Null stays null.
     */
    String encrypt(IdentityField field, String category, Instant at, String recordId, String value);

    /** The value of a stored field, {@link #ERASED} when its day key was destroyed. */
    String decrypt(IdentityField field, String recordId, String stored);

    /** The blind index stored beside the field (hex), for the record's day. */
    String blindIndex(IdentityField field, String category, Instant at, String value);

    /**
     * The blind indexes a value has under every live day key of {@code category} whose JST day
     * meets {@code [from, to)}, and under the category's live hold keys (hex): what a search for it
     * compares.
     */
    List<String> blindIndexes(IdentityField field, String category, Instant from, Instant to, String value);

    /**
     * Stored form of a value of a record that a hold keeps in the preservation area: under the
     * hold's own key for {@code category}, destroyed once the hold has ended and the record is gone.
     */
    String encryptForHold(IdentityField field, java.util.UUID holdId, String category, String recordId, String value);

    /** The blind index of a preserved record's value under its hold's key (hex). */
    String blindIndexForHold(IdentityField field, java.util.UUID holdId, String category, String value);

    /** The record a ciphertext is bound to: its table and the parts of its key that stay in clear. */
    static String recordId(String table, Object... parts) {
        StringBuilder sb = new StringBuilder(table);
        for (Object p : parts) {
            sb.append('|').append(p);
        }
        return sb.toString();
    }

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
