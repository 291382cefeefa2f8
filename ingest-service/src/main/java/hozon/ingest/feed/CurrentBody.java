package hozon.ingest.feed;

import jakarta.enterprise.context.RequestScoped;

/** The current feed request's bounded, hashed body, as {@link BodyLimitFilter} installed it. */
@RequestScoped
public class CurrentBody {

    private RequestBody body;

    void set(RequestBody body) {
        this.body = body;
    }

    public RequestBody get() {
        if (body == null) {
            throw new IllegalStateException("no feed body on this request");
        }
        return body;
    }
}
