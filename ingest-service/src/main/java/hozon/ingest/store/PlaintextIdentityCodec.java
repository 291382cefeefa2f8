package hozon.ingest.store;

import jakarta.enterprise.context.ApplicationScoped;

/** Stores identifying values as they are; see {@link IdentityCodec} for what replaces it. */
@ApplicationScoped
public class PlaintextIdentityCodec implements IdentityCodec {

    @Override
    public String encode(IdentityField field, String value) {
        return value;
    }

    @Override
    public String decode(IdentityField field, String stored) {
        return stored;
    }
}
