package hozon.ingest.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.function.Consumer;

/** An NDJSON body written line by line as a use case produces its lines. */
final class BulkLines {

    static final String NDJSON = "application/x-ndjson";

    /** The use case: given where each line goes, produces them in order. */
    interface Producer {
        void produce(Consumer<Object> out) throws SQLException;
    }

    private BulkLines() {
    }

    static StreamingOutput of(Producer producer) {
        ObjectMapper json = CDI.current().select(ObjectMapper.class).get();
        return (OutputStream os) -> {
            try {
                producer.produce(line -> {
                    try {
                        os.write(json.writeValueAsBytes(line));
                        os.write('\n');
                        os.flush();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } catch (SQLException e) {
                throw new IOException("bulk look-up interrupted", e);
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        };
    }
}
