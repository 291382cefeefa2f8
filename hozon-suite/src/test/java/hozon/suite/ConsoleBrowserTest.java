package hozon.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console (issue #18) in a real browser against the running suite: the legal officer's
 * preservation request with the statute's limits, the four-eyes release, a case and an AP look-up
 * with its Japanese answer document, the auditor who sees a confidential hold redacted everywhere
 * and cannot reach look-ups, the compliance report whose PDF and CSV carry the API's numbers, an
 * automated accessibility check on every page, and every role against every page and form.
 * Screenshots go to {@code target/console-screenshots} (the README's are copied from there).
 */
class ConsoleBrowserTest {

    private static final Path ROOT = Path.of(System.getProperty("hozon.root", "..")).toAbsolutePath().normalize();
    private static final Path AXE = ROOT.resolve("tools/ci/node_modules/axe-core/axe.min.js");
    private static final Instant T = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    private static final String RUN = Long.toString(System.nanoTime() % 100000);

    private static Suite suite;
    private static SuiteClient client;
    private static String console;
    private static ConsoleBrowser browser;
    private static final List<String> accessibility = new ArrayList<>();

    @BeforeAll
    static void startSuiteConsoleAndBrowser() throws Exception {
        ensureAxe();
        suite = SuiteFixture.start("console-browser");
        client = new SuiteClient(suite);
        Path people = suite.writePeople(suite.workDir().resolve("people"), Duration.ofHours(2));
        console = suite.startConsole(people, 0);
        browser = new ConsoleBrowser(console, ROOT.resolve("hozon-suite/target/console-screenshots"));
        client.as("feed").contentType(ContentType.JSON)
                .body("{\"records\":[{\"subscriberId\":\"sub-console-1\",\"sessionId\":\"s-console-1\",\"nasId\":\"nas-7\","
                        + "\"assignedAddress\":\"100.64.9.9\",\"start\":\"" + T.minus(1, ChronoUnit.HOURS) + "\",\"end\":\""
                        + T.plus(5, ChronoUnit.HOURS) + "\"}]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/ap/sessions").then().statusCode(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    /** axe-core comes from the npm registry with the CI checks' packages; installed here when the deploy checks were skipped. */
    private static void ensureAxe() throws Exception {
        if (!Files.isRegularFile(AXE)) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(ROOT.resolve("tools/ci").toFile()).inheritIO().start();
            assertThat(npm.waitFor()).as("npm ci in tools/ci").isZero();
        }
    }

    private static void checkAccessibility(String page) throws Exception {
        List<String> v = browser.seriousAccessibilityViolations(AXE);
        if (!v.isEmpty()) {
            accessibility.add(page + ": " + v);
        }
        assertThat(v).as("serious or critical accessibility violations on " + page).isEmpty();
    }

    private static String jstLocal(Instant i) {
        return LocalDateTime.ofInstant(i, SuiteClient.JST).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void fillPreservation(String documentRef, int days, boolean confidential, String authority) {
        new Select(browser.find("#type")).selectByValue("PRESERVATION_REQUEST");
        browser.type("#days", Integer.toString(days));
        browser.setValue("#windowFrom", jstLocal(T.minus(1, ChronoUnit.DAYS)));
        browser.setValue("#windowTo", jstLocal(T.plus(1, ChronoUnit.DAYS)));
        WebElement category = browser.find("input[name='categories'][value='ap.connection-auth']");
        if (!category.isSelected()) {
            category.click();
        }
        new Select(browser.find("#selectorKind")).selectByValue("IP");
        browser.type("#selectorValue", "100.64.9.9");
        if (confidential != browser.find("#confidential").isSelected()) {
            browser.find("#confidential").click();
        }
        browser.type("#authority", authority);
        browser.type("#officer", "警部補 山田");
        browser.type("#documentRef", documentRef);
        browser.setValue("#requestDate", java.time.LocalDate.now(SuiteClient.JST).toString());
    }

    /** The holds-table row whose details name this document (legal officers see the details). */
    private static WebElement holdRow(String documentRef) {
        return browser.all("#holds tbody tr").stream().filter(r -> r.getText().contains(documentRef)).findFirst()
                .orElseThrow(() -> new AssertionError("no hold row for " + documentRef));
    }

    @Test
    void aLegalOfficerRegistersIsRefusedBeyondArt197ExtendsAndASecondOfficerApprovesTheRelease() throws Exception {
        // Keyboard only: Tab to the person, type to choose, Enter to sign in.
        browser.driver.manage().deleteAllCookies();
        browser.get("/sign-in");
        checkAccessibility("sign-in");
        browser.screenshot("01-sign-in");
        for (int i = 0; i < 10 && !"person".equals(browser.driver.switchTo().activeElement().getAttribute("id")); i++) {
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        WebElement person = browser.driver.switchTo().activeElement();
        assertThat(person.getAttribute("id")).isEqualTo("person");
        person.sendKeys("alice");
        person.sendKeys(Keys.TAB);
        WebElement page = browser.find("html");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.awaitNextPage(page);
        assertThat(browser.find("#who").getText()).isEqualTo("alice");
        checkAccessibility("dashboard");

        String doc = "警察庁保全第" + RUN + "号";
        browser.get("/holds/new");
        fillPreservation(doc, 31, false, "警視庁");
        // As you type: the limit and its article, before anything is sent.
        assertThat(browser.find("#days-check").getText()).contains("刑事訴訟法第197条第3項");
        checkAccessibility("hold form");
        browser.submit("#register");
        // policy-service refused it: the article it rests on is shown.
        assertThat(browser.find("#problem-rule").getText()).isEqualTo("刑事訴訟法第197条第3項");
        assertThat(browser.find("#problem").getText()).contains("30");
        browser.screenshot("03-preservation-refused-31-days");
        checkAccessibility("hold form refused");

        browser.type("#days", "30");
        assertThat(browser.find("#days-check").getText()).isEmpty();
        browser.submit("#register");
        assertThat(browser.find("#done").getText()).isNotEmpty();
        WebElement row = holdRow(doc);
        assertThat(row.getText()).contains("30 日").contains("有効");
        checkAccessibility("holds");

        row.findElement(org.openqa.selenium.By.cssSelector("input[name='days']")).sendKeys("10");
        // Art. 197(4): an extension is requested in writing; the form will not go without its document.
        row.findElement(org.openqa.selenium.By.cssSelector("button.extend")).click();
        // (the browser refused to send it: the page is still this one)
        assertThat(holdRow(doc).findElement(org.openqa.selenium.By.cssSelector("input[name='documentRef']"))
                .getAttribute("validationMessage")).isNotEmpty();
        row = holdRow(doc);
        row.findElement(org.openqa.selenium.By.cssSelector("input[name='documentRef']")).sendKeys("延長要請第" + RUN + "号");
        browser.submit(row.findElement(org.openqa.selenium.By.cssSelector("button.extend")));
        assertThat(browser.find("#done").getText()).isNotEmpty();
        assertThat(holdRow(doc).getText()).contains("40 日");
        browser.screenshot("02-holds");

        row = holdRow(doc);
        row.findElement(org.openqa.selenium.By.cssSelector("input[name='reason']")).sendKeys("被疑者を起訴し保全不要となった");
        browser.submit(row.findElement(org.openqa.selenium.By.cssSelector("button.release")));
        assertThat(browser.find("#done").getText()).contains("承認");
        // Four eyes: alice cannot approve her own request; the page does not even offer it.
        browser.get("/approvals");
        assertThat(browser.present("button.approve")).isFalse();

        browser.signIn("bob");
        browser.get("/approvals");
        checkAccessibility("approvals");
        browser.screenshot("04-approvals");
        WebElement approval = browser.all("#approvals tbody tr").stream().filter(r -> r.getText().contains("alice"))
                .findFirst().orElseThrow();
        browser.submit(approval.findElement(org.openqa.selenium.By.cssSelector("button.approve")));
        assertThat(browser.find("#done").getText()).isNotEmpty();
        browser.get("/holds");
        assertThat(holdRow(doc).getText()).contains("解除");
    }

    @Test
    void aCaseIsOpenedAndAnApLookUpAnsweredWithItsEvidenceAndAJapaneseAnswerDocument() throws Exception {
        String reference = "令和8年(令)第" + RUN + "号";
        browser.signIn("alice");
        browser.get("/cases");
        browser.find("details.card summary").click();
        new Select(browser.find("#case-type")).selectByValue("WARRANT");
        browser.type("#case-reference", reference);
        browser.type("#case-issuer", "東京地方裁判所");
        browser.setValue("#case-valid-to", jstLocal(Instant.now().plus(30, ChronoUnit.DAYS)));
        browser.find("input[name='lookups'][value='AP_ADDRESS']").click();
        browser.find("input[name='categories'][value='ap.connection-auth']").click();
        browser.submit("#open-case");
        assertThat(browser.find("#done").getText()).isNotEmpty();
        assertThat(browser.find("#cases").getText()).contains(reference);
        checkAccessibility("cases");

        browser.get("/lookups");
        checkAccessibility("look-ups");
        new Select(browser.find("#ap-case")).selectByVisibleText(reference + " — 令状");
        browser.type("#ap-ip", "100.64.9.9");
        browser.setValue("#ap-instant", jstLocal(T));
        browser.screenshot("05-lookup-form");
        browser.submit("#ap-run");
        assertThat(browser.all(".subscriber").stream().map(WebElement::getText).toList()).containsExactly("sub-console-1");
        assertThat(browser.find("#ap-answer").getText()).contains("割当アドレス").contains("JST");
        checkAccessibility("look-up result");
        browser.screenshot("06-lookup-answer");

        Map<String, String> form = browser.formFields("#pdf-form");
        String answerPage = browser.driver.getCurrentUrl();

        // A disclosure order's list, pasted: each tuple answered in order, a malformed one refused on its own.
        browser.get("/lookups");
        new Select(browser.find("#list-case")).selectByVisibleText(reference + " — 令状");
        browser.type("#list-tuples", "100.64.9.9,," + jstLocal(T).replace('T', ' ') + "\n999.1.1.1,80," + jstLocal(T) + "\n");
        browser.submit("#list-run");
        List<WebElement> rows = browser.all("#list-result tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getText()).contains("sub-console-1");
        assertThat(rows.get(1).getText()).contains("照会できません");
        browser.screenshot("06b-lookup-list");
        assertThat(answerPage).doesNotContain("100.64.9.9");
        HttpResponse<byte[]> pdf = browser.http().post("/lookups/answer", form);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        String text = pdfText(pdf.body());
        assertThat(text).contains("回答書").contains("sub-console-1").contains("100.64.9.9").contains(reference)
                .contains("東京地方裁判所").contains("令状").contains("JST").containsPattern("\\d{4}年\\d{1,2}月\\d{1,2}日");
    }

    @Test
    void anAuditorSeesAConfidentialHoldRedactedEverywhereAndCannotReachLookUps() throws Exception {
        String authority = "秘匿地検" + RUN;
        String doc = "秘匿文書" + RUN;
        browser.signIn("alice");
        browser.get("/holds/new");
        fillPreservation(doc, 20, true, authority);
        browser.submit("#register");
        assertThat(browser.find("#done").getText()).isNotEmpty();
        // The legal officer sees it: the test below could fail.
        assertThat(browser.source()).contains(authority).contains(doc);

        browser.signIn("erin");
        for (String page : List.of("/", "/holds", "/approvals", "/cases", "/rules", "/purge", "/report")) {
            browser.get(page);
            assertThat(browser.source()).as(page).doesNotContain(authority).doesNotContain(doc).doesNotContain("100.64.9.9");
        }
        browser.get("/holds");
        assertThat(browser.all("#holds tr.confidential .redacted")).isNotEmpty();
        checkAccessibility("holds (auditor)");
        browser.screenshot("07-holds-auditor-redacted");
        ConsoleBrowser.Http http = browser.http();
        for (String download : List.of("/report/csv", "/report/pdf")) {
            HttpResponse<byte[]> r = http.get(download);
            assertThat(r.statusCode()).isEqualTo(200);
            String body = download.endsWith("pdf") ? pdfText(r.body()) : new String(r.body(), StandardCharsets.UTF_8);
            assertThat(body).doesNotContain(authority).doesNotContain(doc);
        }

        // English on request; the same redaction.
        browser.submit(".lang button");
        assertThat(browser.find("nav").getText()).contains("Holds").contains("Compliance report");
        browser.get("/holds");
        assertThat(browser.source()).doesNotContain(authority).contains("confidential: legal officers only");
        browser.screenshot("09-holds-auditor-english");
        browser.submit(".lang button");
        assertThat(browser.find("nav").getText()).contains("保全");

        browser.get("/lookups");
        assertThat(browser.present("#forbidden")).isTrue();
        assertThat(browser.present("#ap-form")).isFalse();
        assertThat(browser.all("nav a[href='/lookups']")).isEmpty();
        browser.get("/");
        String token = browser.csrfToken();
        HttpResponse<byte[]> direct = browser.http().post("/lookups/ap", Map.of("csrf-token", token, "caseId",
                UUID.randomUUID().toString(), "ip", "100.64.9.9", "instant", jstLocal(T)));
        assertThat(direct.statusCode()).isEqualTo(403);
    }

    @Test
    void theComplianceReportsPdfAndCsvCarryTheApisNumbers() throws Exception {
        client.createRule("ap.connection-auth", "P6M");
        client.ingestSession("sub-old-1", SuiteClient.monthsAgo(9));
        assertThat(client.purge().getString("outcome")).isEqualTo("SUCCEEDED");
        String kase = client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"type\":\"WARRANT\",\"reference\":\"R-report-" + RUN + "\",\"issuer\":\"Tokyo District Court\","
                        + "\"validTo\":\"" + Instant.now().plus(30, ChronoUnit.DAYS) + "\",\"lookups\":[\"AP_ADDRESS\"],"
                        + "\"categories\":[\"ap.connection-auth\"]}")
                .when().post(suite.url(ServiceName.POLICY) + "/api/v1/cases").then().statusCode(201).extract().path("id");
        client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"caseId\":\"" + kase + "\",\"ip\":\"100.64.0.1\",\"instant\":\"" + SuiteClient.monthsAgo(8) + "\"}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/ap").then().statusCode(200);
        client.placePreservation("sub-console-1", T.minus(1, ChronoUnit.DAYS), T.plus(1, ChronoUnit.DAYS));
        // One record past retention again, not yet purged: overdue.
        client.ingestSession("sub-old-2", SuiteClient.monthsAgo(10));

        browser.signIn("erin");
        browser.get("/report");
        checkAccessibility("report");
        browser.screenshot("08-compliance-report");
        assertThat(browser.all("svg.chart")).hasSizeGreaterThanOrEqualTo(2);

        JsonPath compliance = client.as("auditor").when().get(suite.url(ServiceName.PURGE) + "/api/v1/compliance")
                .then().statusCode(200).extract().jsonPath();
        JsonPath holds = client.as("auditor").when().get(suite.url(ServiceName.POLICY) + "/api/v1/holds")
                .then().statusCode(200).extract().jsonPath();
        JsonPath expired = client.as("auditor").when().get(suite.url(ServiceName.INGEST) + "/api/v1/reports/expired-lookups")
                .then().statusCode(200).extract().jsonPath();
        JsonPath runs = client.as("auditor").when().get(suite.url(ServiceName.PURGE) + "/api/v1/purge-runs?limit=100")
                .then().statusCode(200).extract().jsonPath();

        ConsoleBrowser.Http http = browser.http();
        String csv = new String(http.get("/report/csv").body(), StandardCharsets.UTF_8);
        String pdf = pdfText(http.get("/report/pdf").body());
        assertThat(pdf).contains("遵守状況報告書");

        long overdue = compliance.getLong("categories.find { it.category == 'ap.connection-auth' }.recordsOverdue");
        assertThat(overdue).isGreaterThanOrEqualTo(1);
        assertThat(csv).contains("overdue,ap.connection-auth,,recordsOverdue," + overdue + "\r\n");
        assertThat(pdfLine(pdf, "ap.connection-auth " + overdue + " ")).isTrue();
        assertThat(browser.find("#overdue-total").getText()).isEqualTo(Long.toString(
                compliance.getList("categories.recordsOverdue", Long.class).stream().mapToLong(Long::longValue).sum()));

        assertThat(holds.getList("type")).isNotEmpty();
        for (String type : Set.copyOf(holds.getList("type", String.class))) {
            long total = holds.getList("findAll { it.type == '" + type + "' }").size();
            long inForce = holds.getList("findAll { it.type == '" + type + "' && it.status == 'IN_FORCE' }").size();
            assertThat(csv).contains("holds," + type + ",,total," + total + "\r\n")
                    .contains("holds," + type + ",,inForce," + inForce + "\r\n");
        }
        long gone = expired.getLong("find { it.category == 'ap.connection-auth' }.lookups");
        String month = expired.getString("find { it.category == 'ap.connection-auth' }.month");
        assertThat(gone).isGreaterThanOrEqualTo(1);
        assertThat(csv).contains("expiredLookups,ap.connection-auth," + month + ",lookups," + gone + "\r\n");
        assertThat(pdfLine(pdf, "ap.connection-auth " + month + " " + gone + " ")).isTrue();

        long removedThisMonth = 0;
        String thisMonth = YearMonth.now(SuiteClient.JST).toString();
        for (Map<String, Object> r : runs.<Map<String, Object>>getList("")) {
            if ("SUCCEEDED".equals(r.get("outcome")) && YearMonth.from(Instant.parse((String) r.get("finishedAt"))
                    .atZone(SuiteClient.JST)).toString().equals(thisMonth)) {
                removedThisMonth += ((Number) r.get("rowsRemoved")).longValue();
            }
        }
        assertThat(removedThisMonth).isGreaterThanOrEqualTo(1);
        assertThat(csv).contains("deletions,," + thisMonth + ",rowsRemoved," + removedThisMonth + "\r\n");
        assertThat(pdfLine(pdf, thisMonth + " ")).isTrue();
        assertThat(pdf).contains(thisMonth + " " + runs.getList("findAll { it.outcome == 'SUCCEEDED' }").size() + " "
                + removedThisMonth);
        assertThat(csv).contains("ledger,,,valid,true");
    }

    /**
     * Every demo person against every page and every form: the console gives each exactly what the
     * services' own role checks give them — a page a role may not use is 403, a form a role may not
     * send is refused 403 by the service, never done by the console on its own authority.
     */
    @Test
    void everyRoleTriesEveryPageAndFormAndGetsNoMoreThanTheServicesAllow() throws Exception {
        String kase = client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"type\":\"WARRANT\",\"reference\":\"R-roles-" + RUN + "\",\"issuer\":\"Tokyo District Court\","
                        + "\"validTo\":\"" + Instant.now().plus(30, ChronoUnit.DAYS) + "\",\"lookups\":[\"AP_ADDRESS\",\"CP_POST\"],"
                        + "\"categories\":[\"ap.connection-auth\",\"cp.post\"]}")
                .when().post(suite.url(ServiceName.POLICY) + "/api/v1/cases").then().statusCode(201).extract().path("id");
        Map<String, String> roleOf = Map.of("alice", "legal-officer", "bob", "legal-officer", "carol", "policy-admin",
                "dave", "policy-admin", "erin", "auditor", "oscar", "purge-operator");
        Map<String, Set<String>> pages = new LinkedHashMap<>();
        pages.put("/", Set.of("legal-officer", "policy-admin", "auditor", "purge-operator"));
        pages.put("/holds", Set.of("legal-officer", "auditor"));
        pages.put("/holds/new", Set.of("legal-officer"));
        pages.put("/approvals", Set.of("legal-officer", "policy-admin", "auditor"));
        pages.put("/cases", Set.of("legal-officer", "auditor"));
        pages.put("/lookups", Set.of("legal-officer"));
        pages.put("/rules", Set.of("legal-officer", "policy-admin", "auditor", "purge-operator"));
        pages.put("/purge", Set.of("auditor", "purge-operator"));
        pages.put("/report", Set.of("auditor", "purge-operator", "policy-admin"));
        pages.put("/report/pdf", Set.of("auditor", "purge-operator", "policy-admin"));
        pages.put("/report/csv", Set.of("auditor", "purge-operator", "policy-admin"));
        String now = jstLocal(Instant.now());
        String later = jstLocal(Instant.now().plus(10, ChronoUnit.DAYS));
        String missing = UUID.randomUUID().toString();
        record Form(String path, Set<String> roles, Map<String, String> fields, boolean multipart) {
        }
        List<Form> forms = List.of(
                new Form("/holds", Set.of("legal-officer"), fields("type", "PRESERVATION_REQUEST", "days", "5",
                        "windowFrom", now, "windowTo", later, "categories", "ap.connection-auth", "selectorKind", "IP",
                        "selectorValue", "100.64.9.9", "authority", "警視庁", "officer", "x", "documentRef", "roles-" + RUN,
                        "requestDate", java.time.LocalDate.now(SuiteClient.JST).toString()), false),
                new Form("/holds/extend", Set.of("legal-officer"), Map.of("id", missing, "days", "5"), false),
                new Form("/holds/release", Set.of("legal-officer"), Map.of("id", missing, "kind", "RELEASED", "reason", "x"), false),
                new Form("/approvals/decide", Set.of("legal-officer", "policy-admin"), Map.of("id", missing, "decision", "approve"), false),
                new Form("/cases", Set.of("legal-officer"), Map.of("type", "WARRANT", "reference", "roles-" + RUN,
                        "issuer", "x", "validTo", later, "lookups", "AP_ADDRESS", "categories", "ap.connection-auth"), false),
                new Form("/cases/close", Set.of("legal-officer"), Map.of("id", missing, "reason", "x"), false),
                new Form("/lookups/ap", Set.of("legal-officer"), Map.of("caseId", kase, "ip", "100.64.9.9", "instant", jstLocal(T)), false),
                new Form("/lookups/cp", Set.of("legal-officer"), Map.of("caseId", kase, "postId", "no-such-post"), false),
                new Form("/lookups/list", Set.of("legal-officer"), Map.of("caseId", kase, "tuples", "100.64.9.9,," + jstLocal(T)), true),
                new Form("/lookups/answer", Set.of("legal-officer"), Map.of("kind", "AP", "caseId", kase, "ip", "100.64.9.9",
                        "instant", jstLocal(T)), false),
                new Form("/purge/receipt", Set.of("auditor", "purge-operator"), Map.of("id", missing), false));

        List<String> wrong = new ArrayList<>();
        for (var p : roleOf.entrySet()) {
            ConsoleBrowser.Http http = ConsoleBrowser.Http.signIn(console, p.getKey());
            for (var page : pages.entrySet()) {
                int status = http.get(page.getKey()).statusCode();
                int expected = page.getValue().contains(p.getValue()) ? 200 : 403;
                if (status != expected) {
                    wrong.add(p.getKey() + " GET " + page.getKey() + " → " + status + " (expected " + expected + ")");
                }
            }
            for (Form f : forms) {
                Map<String, String> fields = new LinkedHashMap<>(f.fields());
                fields.put("csrf-token", http.csrf);
                HttpResponse<byte[]> r = f.multipart() ? http.postMultipart(f.path(), fields) : http.post(f.path(), fields);
                boolean allowed = f.roles().contains(p.getValue());
                if (allowed == (r.statusCode() == 403)) {
                    wrong.add(p.getKey() + " POST " + f.path() + " → " + r.statusCode() + (allowed ? " (refused a role the service allows)"
                            : " (expected the service's 403)"));
                }
            }
            // Without the CSRF token nothing is done, whoever asks.
            Map<String, String> noToken = new LinkedHashMap<>(forms.get(4).fields());
            int status = http.post("/cases", noToken).statusCode();
            if (status != 400) {
                wrong.add(p.getKey() + " POST /cases without CSRF token → " + status);
            }
        }
        assertThat(wrong).isEmpty();
        long created = client.as("alice", "legal-officer").when().get(suite.url(ServiceName.POLICY) + "/api/v1/cases?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.reference == 'roles-" + RUN + "' }").size();
        assertThat(created).as("cases opened through the form: once by each legal officer, never without a token").isEqualTo(2);
    }

    private static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    /** Whether a line of the PDF's text starts with these cells (a table row). */
    private static boolean pdfLine(String text, String start) {
        return text.lines().anyMatch(l -> (l + " ").startsWith(start));
    }
}
