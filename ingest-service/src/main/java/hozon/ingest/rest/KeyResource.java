package hozon.ingest.rest;

import hozon.ingest.config.IngestConfig;
import hozon.ingest.crypto.DayKeys;
import hozon.ingest.crypto.KeyEncryptionKeys;
import hozon.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The key store as an auditor and a security administrator see it: ids and times, never material. */
@Path("/api/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Keys", description = "Day keys of the identity encryption (crypto-shredding) and the key-encryption key")
public class KeyResource {

    @Inject
    DayKeys keys;

    @Inject
    KeyEncryptionKeys keks;

    @Inject
    IngestConfig config;

    @Schema(description = "The key store: where it is, how long its backups keep a destroyed key, and its keys")
    public record KeyStoreView(
            @Schema(description = "False when the key store shares the log database: shredding then does not reach"
                    + " that database's backups") boolean separateDatabase,
            @Schema(description = "How long the key store's own backups are kept (configured): a destroyed day key"
                    + " is gone everywhere this long after its destruction (ISO 8601)", examples = "P1D")
            String backupRetention,
            String currentKek, @Schema(description = "Live day keys per key-encryption key") Map<String, Long> wrappedBy,
            List<DayKeys.KeyInfo> keys) {
    }

    @Schema(description = "A KEK rotation: live day keys re-wrapped under the current KEK (data never re-encrypted)")
    public record Rotation(String currentKek, int rewrapped, Map<String, Long> wrappedBy) {
    }

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.POLICY_ADMIN})
    @Operation(summary = "The day keys: id, category, JST day, wrapping KEK, created, destroyed and by which run")
    public KeyStoreView list(@QueryParam("category") String category) {
        return new KeyStoreView(config.keystore().jdbcUrl().isPresent(), config.keystore().backupRetention().toString(),
                keks.currentId(), keys.wrappedBy(), keys.list(category));
    }

    @POST
    @Path("/rotation")
    @RolesAllowed(Roles.POLICY_ADMIN)
    @Operation(summary = "Rotate the key-encryption key",
            description = "Re-reads the mounted KEK secret (its first line is the current KEK) and re-wraps every live"
                    + " day key under it. Afterwards the older KEKs can be removed from the secret.")
    public Rotation rotate() {
        keks.reload();
        int n = keys.rotate();
        return new Rotation(keks.currentId(), n, keys.wrappedBy());
    }
}
