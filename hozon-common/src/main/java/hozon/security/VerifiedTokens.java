package hozon.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens already verified, so that a caller sending the same token many times a second (a
 * look-up tool, a feed) does not pay the signature check and claim parsing on every request.
 * Asked before smallrye-jwt's verifier, which it calls for every token it does not hold.
 *
 * <p>A verified token is held for at most {@code hozon.security.token-cache.max-age} (PT1M;
 * PT0S turns holding off) and never past its own {@code exp}: a rotated verification key or a
 * changed issuer takes effect within that time, an expired token is verified again (and
 * refused). Failed verifications are never held. Tokens are held by their SHA-256, not as
 * bearer secrets, and at most {@value #MAX_ENTRIES} of them.
 */
@ApplicationScoped
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    static final int MAX_ENTRIES = 10_000;

    @Inject
    MpJwtValidator verifier;

    @Inject
    Clock clock;

    @ConfigProperty(name = "hozon.security.token-cache.max-age", defaultValue = "PT1M")
    Duration maxAge;

    private final Map<String, Held> held = new ConcurrentHashMap<>();

    private record Held(SecurityIdentity identity, Instant until) {
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /**
     * Before smallrye-jwt's verifier, which this provider calls itself when it must. Quarkus asks
     * providers highest priority first, and the verifier keeps the interface's default (1001):
     * this one must be above it, or it is never asked (as it was until issue #19's profile showed
     * every request parsing and verifying its token).
     */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (maxAge.isZero() || maxAge.isNegative()) {
            return verifier.authenticate(request, context);
        }
        String key = sha256(request.getToken().getToken());
        Instant now = clock.instant();
        Held h = held.get(key);
        if (h != null) {
            if (now.isBefore(h.until())) {
                return Uni.createFrom().item(h.identity());
            }
            held.remove(key, h);
        }
        return verifier.authenticate(request, context).invoke(identity -> hold(key, identity, now));
    }

    private void hold(String key, SecurityIdentity identity, Instant verifiedAt) {
        if (identity == null || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        Instant until = verifiedAt.plus(maxAge);
        Instant expires = Instant.ofEpochSecond(jwt.getExpirationTime());
        if (expires.isBefore(until)) {
            until = expires;
        }
        if (!verifiedAt.isBefore(until)) {
            return;
        }
        if (held.size() >= MAX_ENTRIES) {
            held.values().removeIf(e -> !verifiedAt.isBefore(e.until()));
            if (held.size() >= MAX_ENTRIES) {
                held.clear();
            }
        }
        held.put(key, new Held(identity, until));
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
