package hozon.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Sends this service's own identity on calls to the other services: the bearer token in
 * {@code hozon.service-token} (HOZON_SERVICE_TOKEN), issued by the operator's identity provider
 * with only this service's role. No token configured: calls go without one and are refused.
 */
@ApplicationScoped
public class ServiceToken implements ClientHeadersFactory {

    @ConfigProperty(name = "hozon.service-token")
    Optional<String> token;

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        token.filter(t -> !t.isBlank()).ifPresent(t -> headers.add("Authorization", "Bearer " + t));
        return headers;
    }
}
