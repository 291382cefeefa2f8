package hozon.devdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A local token issuer for development and tests only: an RSA key pair in a folder of the
 * build or of {@code .hozon/}, and RS256-signed JWTs with the claims the services read
 * ({@code iss}, {@code upn}, {@code groups}). Production uses the operator's identity
 * provider; the services are never configured with these keys by their own profiles.
 */
public final class DevJwt {

    public static final String ISSUER = "https://hozon.local/dev-issuer";

    private final PrivateKey privateKey;
    private final Path publicKeyPem;

    private DevJwt(PrivateKey privateKey, Path publicKeyPem) {
        this.privateKey = privateKey;
        this.publicKeyPem = publicKeyPem;
    }

    /** Loads the key pair in {@code dir}, or creates one there. */
    public static synchronized DevJwt in(Path dir) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        Path priv = dir.resolve("dev-private.pk8");
        Path pub = dir.resolve("dev-public.pem");
        if (!Files.exists(priv) || !Files.exists(pub)) {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair kp = gen.generateKeyPair();
            Files.write(priv, kp.getPrivate().getEncoded());
            Files.writeString(pub, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(kp.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
        }
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv)));
        return new DevJwt(key, pub);
    }

    /** Where the public key is, for {@code mp.jwt.verify.publickey.location}. */
    public Path publicKey() {
        return publicKeyPem;
    }

    /** A signed token for {@code user} with {@code roles}, valid for {@code ttl}. */
    public String token(String user, Collection<String> roles, Duration ttl) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + json(user) + "\",\"upn\":\"" + json(user)
                + "\",\"groups\":[" + roles.stream().map(r -> "\"" + json(r) + "\"").collect(Collectors.joining(","))
                + "],\"iat\":" + now + ",\"exp\":" + (now + ttl.getSeconds()) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature sig = Signature.getInstance("SHA256withRSA");
            sig.initSign(privateKey);
            sig.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(sig.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RS256 signing failed", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
