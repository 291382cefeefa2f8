package hozon.console.session;

import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.RequestScoped;
import java.util.Locale;
import java.util.Set;

/**
 * Who is using the console in this request: their name, their roles as their token states them
 * (used only to show or hide navigation — each service checks the token itself) and the token the
 * console forwards. Filled by {@link SignedIn}.
 */
@RequestScoped
public class Caller {

    private String name;
    private Set<String> roles = Set.of();
    private String token;
    private Locale locale = Locale.JAPANESE;

    void signIn(String name, Set<String> roles, String token) {
        this.name = name;
        this.roles = Set.copyOf(roles);
        this.token = token;
    }

    void locale(Locale locale) {
        this.locale = locale;
    }

    public boolean signedIn() {
        return token != null;
    }

    public String name() {
        return name;
    }

    public String token() {
        return token;
    }

    public Set<String> roles() {
        return roles;
    }

    public boolean is(String role) {
        return roles.contains(role);
    }

    public boolean legalOfficer() {
        return is("legal-officer");
    }

    public boolean auditor() {
        return is("auditor");
    }

    public boolean policyAdmin() {
        return is("policy-admin");
    }

    public boolean purgeOperator() {
        return is("purge-operator");
    }

    public Locale locale() {
        return locale;
    }

    public boolean english() {
        return "en".equals(locale.getLanguage());
    }

    /** What the pages show of the caller (never the token). */
    public View view() {
        return new View(token != null, name, roles.stream().sorted().toList(), legalOfficer(), auditor(), policyAdmin(),
                purgeOperator(), english());
    }

    @TemplateData
    public record View(boolean signedIn, String name, java.util.List<String> roles, boolean legalOfficer, boolean auditor,
            boolean policyAdmin, boolean purgeOperator, boolean english) {
    }
}
