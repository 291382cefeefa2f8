package hozon.policy.rest;

import hozon.policy.domain.Actor;
import hozon.policy.domain.LogCategory;
import java.util.List;

/** A log category as clients see it. */
public record CategoryView(String code, Actor actor, String description, boolean builtIn, List<PurposeView> purposes) {

    public record PurposeView(String code, String description) {
    }

    public static CategoryView of(LogCategory c) {
        return new CategoryView(c.code, c.actor, c.description, c.builtIn,
                c.purposes.stream().map(p -> new PurposeView(p.code, p.description)).toList());
    }
}
