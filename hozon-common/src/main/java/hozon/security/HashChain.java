package hozon.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * hash(n) = SHA-256(hash(n-1) + "\n" + entry(n)), hex; hash(0) is 64 zeros. Changing,
 * removing or reordering any entry breaks every later link. Used by the purge ledger and by
 * every service's security audit trail.
 */
public final class HashChain {

    public static final String GENESIS = "0".repeat(64);
    public static final String ALGORITHM = "SHA-256(prevHash + \"\\n\" + entry), hex";

    private HashChain() {
    }

    public static String link(String prevHash, String entry) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((prevHash + "\n" + entry).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
