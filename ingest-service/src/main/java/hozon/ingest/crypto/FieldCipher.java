package hozon.ingest.crypto;

import hozon.ingest.store.IdentityCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;

/**
 * Envelope encryption of identifying fields: {@code e<key id>:<base64url(nonce ‖ ciphertext ‖
 * tag)>}, AES-256-GCM under the data key of (category, JST day of the record's event time), with
 * the record id and the field as associated data, so a ciphertext moved to another row or
 * column does not open. Blind indexes are HMAC-SHA-256 under the same day's index key,
 * truncated to 128 bits: equal values of one day share one, nothing links days, and destroying
 * the day key makes them match nothing. A value that is not in this form (stored before
 * encryption existed) is returned as it is.
 */
@ApplicationScoped
public class FieldCipher implements IdentityCodec {

    /** JST: the calendar of retention cutoffs (RetentionPeriod, Civil Code Art. 140), hence of day keys. */
    public static final ZoneOffset JST = ZoneOffset.ofHours(9);
    private static final int INDEX_BYTES = 16;
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM", e);
        }
    });

    @Inject
    DayKeys keys;

    /** The JST calendar day an event time belongs to. */
    public static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, JST);
    }

    @Override
    public String encrypt(IdentityField field, String category, Instant at, String recordId, String value) {
        if (value == null) {
            return null;
        }
        return seal(keys.forWrite(category, day(at)), field, recordId, value);
    }

    private static String seal(DayKeys.DayKey k, IdentityField field, String recordId, String value) {
        byte[] sealed = Aead.seal(k.data(), value.getBytes(StandardCharsets.UTF_8), aad(field, recordId));
        return "e" + k.id() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    @Override
    public String encryptForHold(IdentityField field, java.util.UUID holdId, String category, String recordId,
            String value) {
        if (value == null) {
            return null;
        }
        return seal(keys.forHold(holdId, category), field, recordId, value);
    }

    @Override
    public String blindIndexForHold(IdentityField field, java.util.UUID holdId, String category, String value) {
        return value == null ? null : index(keys.forHold(holdId, category), field, value);
    }

    @Override
    public String decrypt(IdentityField field, String recordId, String stored) {
        if (stored == null) {
            return null;
        }
        int colon = stored.indexOf(':');
        if (!stored.startsWith("e") || colon < 2 || !stored.substring(1, colon).chars().allMatch(Character::isDigit)) {
            return stored;
        }
        Optional<DayKeys.DayKey> k = keys.byId(Long.parseLong(stored.substring(1, colon)));
        if (k.isEmpty()) {
            return ERASED;
        }
        try {
            byte[] plain = Aead.open(k.get().data(), Base64.getUrlDecoder().decode(stored.substring(colon + 1)),
                    aad(field, recordId));
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Not this record's or this field's ciphertext: never shown as if it were.
            throw new IllegalStateException("a stored " + field + " does not open under its key and record ("
                    + k.get().id() + "); the row was altered or moved", e);
        }
    }

    @Override
    public String blindIndex(IdentityField field, String category, Instant at, String value) {
        if (value == null) {
            return null;
        }
        return index(keys.forWrite(category, day(at)), field, value);
    }

    @Override
    public List<String> blindIndexes(IdentityField field, String category, Instant from, Instant to, String value) {
        List<String> out = new ArrayList<>();
        if (value == null || !from.isBefore(to)) {
            return out;
        }
        for (DayKeys.DayKey k : keys.live(category, day(from), day(to.minusNanos(1)))) {
            out.add(index(k, field, value));
        }
        for (DayKeys.DayKey k : keys.holdKeys(category)) {
            out.add(index(k, field, value));
        }
        return out;
    }

    private static String index(DayKeys.DayKey k, IdentityField field, String value) {
        Mac mac = MAC.get();
        try {
            mac.init(k.index());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("index key unusable", e);
        }
        mac.update(field.name().getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) 0);
        byte[] h = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(h, 0, INDEX_BYTES);
    }

    private static byte[] aad(IdentityField field, String recordId) {
        return (field.name() + "|" + recordId).getBytes(StandardCharsets.UTF_8);
    }
}
