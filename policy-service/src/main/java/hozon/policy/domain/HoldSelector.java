package hozon.policy.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One identifying selector of a hold's scope. */
@Embeddable
public class HoldSelector {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SelectorKind kind;

    @Column(nullable = false)
    public String value;

    @Column(name = "port_start")
    public Integer portStart;

    @Column(name = "port_end")
    public Integer portEnd;

    public HoldSelector() {
    }

    public HoldSelector(SelectorKind kind, String value, Integer portStart, Integer portEnd) {
        this.kind = kind;
        this.value = value;
        this.portStart = portStart;
        this.portEnd = portEnd;
    }
}
