package hozon.policy.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A registered kind of communication log, bound to the business purposes it is kept for. */
@Entity
@Table(name = "log_category")
public class LogCategory extends PanacheEntityBase {

    @Id
    @Column(length = 64)
    public String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 2)
    public Actor actor;

    @Column(nullable = false)
    public String description;

    @Column(name = "built_in", nullable = false)
    public boolean builtIn;

    @ManyToMany(fetch = FetchType.EAGER)
    @JoinTable(name = "category_purpose",
            joinColumns = @JoinColumn(name = "category_code"),
            inverseJoinColumns = @JoinColumn(name = "purpose_code"))
    @OrderBy("code")
    public List<Purpose> purposes = new ArrayList<>();

    public static List<LogCategory> listOrdered() {
        return list("order by code");
    }
}
