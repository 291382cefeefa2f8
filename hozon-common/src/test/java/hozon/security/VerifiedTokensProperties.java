package hozon.security;

import static org.assertj.core.api.Assertions.assertThat;

import hozon.devdb.MovableClock;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Holding verified tokens must never change a verdict: whatever the order of requests, tokens
 * and passing time, a token is accepted exactly when the verifier itself would accept it at that
 * moment, and the verifier is spared only for a token it accepted less than max-age ago. The
 * verifier is a stand-in that accepts a token until its expiry.
 */
class VerifiedTokensProperties {

    /** Quarkus asks identity providers highest priority first: the cache must come before the verifier. */
    @Example
    void theCacheIsAskedBeforeSmallryeJwtsVerifier() {
        assertThat(new VerifiedTokens().priority()).isGreaterThan(new MpJwtValidator().priority());
    }

    private static final Duration MAX_AGE = Duration.ofSeconds(60);
    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    @Property
    void holdingNeverChangesTheVerdict(@ForAll @Size(min = 1, max = 60) List<@IntRange(max = 3) Integer> tokens,
            @ForAll @Size(min = 1, max = 60) List<@IntRange(max = 90) Integer> secondsBetween,
            @ForAll @Size(min = 4, max = 4) List<@IntRange(min = -30, max = 400) Integer> expirySeconds) {
        Fixture f = new Fixture(expirySeconds);
        Map<String, Instant> lastVerified = new HashMap<>();
        for (int i = 0; i < Math.min(tokens.size(), secondsBetween.size()); i++) {
            f.clock.advance(Duration.ofSeconds(secondsBetween.get(i)));
            String token = "token-" + tokens.get(i);
            boolean verifierWouldAccept = f.clock.instant().isBefore(f.expiry.get(token));
            Instant verified = lastVerified.get(token);
            boolean mayBeSpared = verifierWouldAccept && verified != null && f.clock.instant().isBefore(verified.plus(MAX_AGE));
            int callsBefore = f.calls;

            SecurityIdentity identity = f.authenticate(token);

            assertThat(identity != null).as("accepted at %s", f.clock.instant()).isEqualTo(verifierWouldAccept);
            if (identity != null) {
                assertThat(identity.getPrincipal().getName()).isEqualTo(token);
            }
            if (f.calls > callsBefore) {
                lastVerified.put(token, f.clock.instant());
            }
            if (!mayBeSpared) {
                assertThat(f.calls).as("a token not verified within max-age goes to the verifier").isEqualTo(callsBefore + 1);
            }
        }
    }

    @Example
    void aTokenUsedAgainWithinMaxAgeIsNotVerifiedAgain() {
        Fixture f = new Fixture(List.of(3600, 3600, 3600, 3600));
        f.authenticate("token-0");
        f.clock.advance(Duration.ofSeconds(59));
        assertThat(f.authenticate("token-0")).isNotNull();
        assertThat(f.calls).isEqualTo(1);
        assertThat(f.authenticate("token-1")).isNotNull();
        assertThat(f.calls).isEqualTo(2);
        f.clock.advance(Duration.ofSeconds(1));
        f.authenticate("token-0");
        assertThat(f.calls).isEqualTo(3);
    }

    @Example
    void aRefusedTokenIsVerifiedEveryTime() {
        Fixture f = new Fixture(List.of(-10, 3600, 3600, 3600));
        assertThat(f.authenticate("token-0")).isNull();
        assertThat(f.authenticate("token-0")).isNull();
        assertThat(f.calls).isEqualTo(2);
    }

    @Example
    void maxAgeZeroVerifiesEveryTime() {
        Fixture f = new Fixture(List.of(3600, 3600, 3600, 3600));
        f.tokens.maxAge = Duration.ZERO;
        f.authenticate("token-0");
        f.authenticate("token-0");
        assertThat(f.calls).isEqualTo(2);
    }

    private static final class Fixture {
        final MovableClock clock = new MovableClock(START);
        final Map<String, Instant> expiry = new HashMap<>();
        final VerifiedTokens tokens = new VerifiedTokens();
        int calls;

        Fixture(List<Integer> expirySeconds) {
            for (int i = 0; i < expirySeconds.size(); i++) {
                expiry.put("token-" + i, START.plusSeconds(expirySeconds.get(i)));
            }
            tokens.clock = clock;
            tokens.maxAge = MAX_AGE;
            tokens.verifier = new MpJwtValidator() {
                @Override
                public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
                        AuthenticationRequestContext context) {
                    calls++;
                    String token = request.getToken().getToken();
                    Instant exp = expiry.get(token);
                    if (!clock.instant().isBefore(exp)) {
                        return Uni.createFrom().failure(new AuthenticationFailedException("expired"));
                    }
                    return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(jwt(token, exp)).build());
                }
            };
        }

        SecurityIdentity authenticate(String token) {
            try {
                return tokens.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), null)
                        .await().indefinitely();
            } catch (AuthenticationFailedException e) {
                return null;
            }
        }
    }

    private static JsonWebToken jwt(String name, Instant exp) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("exp");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return "exp".equals(claimName) ? (T) Long.valueOf(exp.getEpochSecond()) : null;
            }
        };
    }
}
