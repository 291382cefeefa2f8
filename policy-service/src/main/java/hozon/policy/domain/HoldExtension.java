package hozon.policy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/** One extension of a preservation request (CCP Art. 197(4)). */
@Embeddable
public class HoldExtension {

    @Column(nullable = false)
    public int days;

    @Column(name = "document_ref", nullable = false)
    public String documentRef;

    @Column(name = "previous_end", nullable = false)
    public Instant previousEnd;

    @Column(name = "new_end", nullable = false)
    public Instant newEnd;

    @Column(nullable = false)
    public String author;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
