package hozon.console.web;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The hold form as a legal officer typed it: sent to policy-service as a new hold, and shown
 * again exactly as typed when the service refuses it.
 */
@TemplateData
public class HoldForm {

    @RestForm public String type;
    @RestForm public String days;
    @RestForm public String windowFrom;
    @RestForm public String windowTo;
    @RestForm public List<String> categories;
    @RestForm public String selectorKind;
    @RestForm public String selectorValue;
    @RestForm public String portStart;
    @RestForm public String portEnd;
    @RestForm public String confidential;
    @RestForm public String authority;
    @RestForm public String officer;
    @RestForm public String documentRef;
    @RestForm public String requestDate;
    @RestForm public String court;
    @RestForm public String caseNumber;
    @RestForm public String reason;
    @RestForm public String reviewDate;

    /** The body of {@code POST /api/v1/holds}: times typed in JST with their offset, blanks absent. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Forms.blankToNull(type));
        body.put("days", Forms.integer(days));
        body.put("windowFrom", Forms.instant(windowFrom));
        body.put("windowTo", Forms.instant(windowTo));
        body.put("categories", categories == null ? List.of() : categories);
        List<Map<String, Object>> selectors = new ArrayList<>();
        if (Forms.blankToNull(selectorValue) != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("kind", Forms.blankToNull(selectorKind));
            s.put("value", selectorValue.strip());
            s.put("portStart", Forms.integer(portStart));
            s.put("portEnd", Forms.integer(portEnd));
            selectors.add(s);
        }
        body.put("selectors", selectors);
        body.put("confidential", confidential != null);
        body.put("authority", Forms.blankToNull(authority));
        body.put("officer", Forms.blankToNull(officer));
        body.put("documentRef", Forms.blankToNull(documentRef));
        body.put("requestDate", Forms.date(requestDate));
        body.put("court", Forms.blankToNull(court));
        body.put("caseNumber", Forms.blankToNull(caseNumber));
        body.put("reason", Forms.blankToNull(reason));
        body.put("reviewDate", Forms.date(reviewDate));
        return body;
    }
}
