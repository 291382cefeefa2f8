package hozon.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpClosedException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import net.jqwik.api.Example;

/** A sender that hangs up mid-body is no incident of ours: no 500, no incident number to chase. */
class ClientClosedTest {

    @Example
    void aConnectionClosedWhileTheBodyIsReadIsNoIncident() {
        // as RESTEasy Reactive wraps it: IOException(IOException(HttpClosedException))
        Throwable closed = new IOException(new IOException(new HttpClosedException("Connection was closed")));
        Response r = new ProblemMappers().unexpected(closed);
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(((Problem) r.getEntity()).getType().toString()).endsWith("client-closed");
        assertThat(((Problem) r.getEntity()).getExtensions()).doesNotContainKey("incident");
    }

    @Example
    void anyOtherFailureIsAnIncidentWithItsNumber() {
        Response r = new ProblemMappers().unexpected(new IOException("disk full"));
        assertThat(r.getStatus()).isEqualTo(500);
        assertThat(((Problem) r.getEntity()).getExtensions()).containsKey("incident");
    }
}
