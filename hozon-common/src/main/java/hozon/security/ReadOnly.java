package hozon.security;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POST that changes nothing (a query whose parameters travel in the body to keep
 * identifiers out of URLs, a decision, a preview): the security audit records it only when
 * it is denied. Look-ups keep their own audit trail. A name binding: the REST layer resolves at
 * build time which methods carry it (no runtime reflection, native-ready).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ReadOnly {
}
