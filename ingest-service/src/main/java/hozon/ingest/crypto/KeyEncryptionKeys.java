package hozon.ingest.crypto;

import hozon.ingest.config.IngestConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * The key-encryption keys (KEK) that wrap the day keys, read from a mounted secret file
 * ({@code hozon.ingest.crypto.kek-file}): one {@code id=base64(32 bytes)} per line, the first
 * the current one; older lines are kept only until {@link DayKeys#rotate()} has re-wrapped
 * every day key under the current one. Never stored in either database.
 */
@ApplicationScoped
@Startup
public class KeyEncryptionKeys {

    private static final Logger LOG = Logger.getLogger(KeyEncryptionKeys.class);

    @Inject
    IngestConfig config;

    private volatile Map<String, SecretKey> keys = Map.of();
    private volatile String current;

    @PostConstruct
    void load() {
        reload();
        if (config.keystore().jdbcUrl().isEmpty()) {
            LOG.warn("the key store shares the log database (HOZON_INGEST_KEYSTORE_JDBC_URL is not set): destroying a"
                    + " day key then does not reach the log database's backups; give the key store its own database");
        }
    }

    /** Reads the file again (after the secret was updated for a rotation). */
    public synchronized void reload() {
        Path file = config.crypto().kekFile();
        try {
            if (!Files.exists(file)) {
                if (!config.crypto().generateKekIfMissing()) {
                    throw new IllegalStateException("No key-encryption key at " + file + ": mount the secret there"
                            + " (HOZON_INGEST_CRYPTO_KEK_FILE; format in the README)");
                }
                generate(file);
            }
            Map<String, SecretKey> read = new LinkedHashMap<>();
            String first = null;
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int eq = l.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalStateException("key-encryption key file " + file + ": a line is not id=base64");
                }
                String id = l.substring(0, eq).strip();
                byte[] key = Base64.getDecoder().decode(l.substring(eq + 1).strip());
                if (key.length != 32 || !id.matches("[A-Za-z0-9._-]{1,64}")) {
                    throw new IllegalStateException("key-encryption key file " + file + ": key " + id
                            + " must be 32 bytes (AES-256) under an id of letters, digits, . _ -");
                }
                read.put(id, new SecretKeySpec(key, "AES"));
                first = first == null ? id : first;
            }
            if (first == null) {
                throw new IllegalStateException("key-encryption key file " + file + " holds no key");
            }
            keys = Map.copyOf(read);
            current = first;
            LOG.infof("key-encryption keys loaded: current %s, %d in all", current, read.size());
        } catch (IOException e) {
            throw new IllegalStateException("key-encryption key file " + file + " could not be read", e);
        }
    }

    private static void generate(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, "# generated for development; mount a secret in production\nk1="
                + Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        LOG.warnf("generated a development key-encryption key at %s: mount a secret in production", file);
    }

    public String currentId() {
        return current;
    }

    public List<String> ids() {
        return List.copyOf(keys.keySet());
    }

    /** Wraps a day key's material under the current KEK. */
    public byte[] wrap(byte[] material, byte[] aad) {
        return Aead.seal(keys.get(current), material, aad);
    }

    /** @throws GeneralSecurityException if the KEK is unknown here or the blob was not wrapped for {@code aad} */
    public byte[] unwrap(String kekId, byte[] wrapped, byte[] aad) throws GeneralSecurityException {
        SecretKey kek = keys.get(kekId);
        if (kek == null) {
            throw new GeneralSecurityException("key-encryption key " + kekId + " is not in the mounted secret");
        }
        return Aead.open(kek, wrapped, aad);
    }
}
