package hozon.console.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import hozon.console.config.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The local sign-in of {@code ./run-suite} (never in production: it exists only when
 * {@code hozon.console.local-sign-in-dir} names the directory of tokens the suite's local issuer
 * wrote for its demo people). Sessions live in this process's memory — one console instance,
 * as in the suite — keyed by a random 256-bit id in an HttpOnly cookie, ended after the idle
 * timeout or at sign-out.
 */
@ApplicationScoped
public class LocalSessions {

    /** A demo person: the name they sign in as, the roles their token states, the token. */
    @io.quarkus.qute.TemplateData
    public record Person(String name, Set<String> roles, String token) {
    }

    record Session(Person person, Instant lastSeen) {
    }

    @Inject
    ConsoleConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public boolean enabled() {
        return config.localSignInDir().isPresent();
    }

    /** Says so loudly: anyone who reaches this console may sign in as anyone in that directory. */
    void warnIfEnabled(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start) {
        config.localSignInDir().ifPresent(dir -> org.jboss.logging.Logger.getLogger(LocalSessions.class).warnf(
                "local sign-in page enabled with the demo people of %s: for ./run-suite only, never in production", dir));
    }

    /** The demo people, by name, read from the suite's token files (each token's sub and groups). */
    public Collection<Person> people() {
        Map<String, Person> byName = new TreeMap<>();
        Optional<Path> dir = config.localSignInDir();
        if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir.get())) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".jwt")).sorted().toList()) {
                String token = Files.readString(f, StandardCharsets.UTF_8).trim();
                Map<?, ?> claims = claims(token);
                Object sub = claims.get("upn") != null ? claims.get("upn") : claims.get("sub");
                Object groups = claims.get("groups");
                Set<String> roles = groups instanceof Collection<?> c
                        ? Set.copyOf(c.stream().map(Object::toString).toList()) : Set.of();
                if (sub != null && !roles.contains("feed")) {
                    byName.putIfAbsent(sub.toString(), new Person(sub.toString(), roles, token));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byName.values();
    }

    /** Starts a session for a demo person; returns its id (the cookie's value), or empty for an unknown name. */
    public Optional<String> signIn(String name) {
        return people().stream().filter(p -> p.name().equals(name)).findFirst().map(p -> {
            byte[] id = new byte[32];
            random.nextBytes(id);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
            sessions.put(key, new Session(p, clock.instant()));
            return key;
        });
    }

    /** The person of a live session (touching it), or empty when it is unknown or idle too long. */
    public Optional<Person> resume(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        Instant now = clock.instant();
        if (s == null) {
            return Optional.empty();
        }
        if (s.lastSeen().plus(config.sessionIdleTimeout()).isBefore(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        sessions.put(id, new Session(s.person(), now));
        return Optional.of(s.person());
    }

    public void signOut(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private Map<?, ?> claims(String token) throws IOException {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return Map.of();
        }
        return json.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
    }
}
