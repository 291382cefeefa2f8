package hozon.devdb;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at a test-only token issuer (a key pair made under
 * {@code target/jwt}); tests get tokens from {@link #token}.
 */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    private static DevJwt issuer;

    public static synchronized DevJwt issuer() {
        if (issuer == null) {
            try {
                issuer = DevJwt.in(Path.of("target", "jwt"));
            } catch (Exception e) {
                throw new IllegalStateException("could not create the test token issuer", e);
            }
        }
        return issuer;
    }

    /** A token for {@code user} with {@code roles}, valid for an hour. */
    public static String token(String user, String... roles) {
        return issuer().token(user, List.of(roles), Duration.ofHours(1));
    }

    @Override
    public Map<String, String> start() {
        return Map.of("mp.jwt.verify.publickey.location", issuer().publicKey().toUri().toString(),
                "mp.jwt.verify.issuer", DevJwt.ISSUER);
    }

    @Override
    public void stop() {
        // keys stay for the other test classes of this JVM
    }
}
