package hozon.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POST that changes nothing (a query whose parameters travel in the body to keep
 * identifiers out of URLs, a decision, a preview): the security audit records it only when
 * it is denied. Look-ups keep their own audit trail.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReadOnly {
}
