package hozon.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The disclosure chain's look-ups across the real services: legal basis, exact intervals, audit. */
class LookupTest {

    private static Suite suite;
    private static SuiteClient client;
    /** The suite fixture's HOZON_INGEST_LOOKUP_DECISION_TTL. */
    private static final java.time.Duration DECISION_TTL = SuiteFixture.DECISION_TTL;
    /** Covers sessions and port blocks: the whole AP chain. */
    private static String apCase;
    /** Covers posts and the infringement-related logins and account events. */
    private static String cpCase;
    private static final Instant T = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @BeforeAll
    static void startSuite() throws Exception {
        suite = SuiteFixture.start("lookups");
        client = new SuiteClient(suite);
        apCase = openCase("WARRANT", "AP_ADDRESS", "ap.connection-auth", "ap.nat-port-block");
        cpCase = openCase("DISCLOSURE_ORDER", "CP_POST", "cp.post", "cp.login", "cp.account");
        sessions("{\"subscriberId\":\"sub-A\",\"sessionId\":\"a\",\"nasId\":\"n1\",\"assignedAddress\":\"100.64.5.5\","
                        + "\"start\":\"" + T + "\",\"end\":\"" + T.plus(2, ChronoUnit.HOURS) + "\"}",
                "{\"subscriberId\":\"sub-open\",\"sessionId\":\"o\",\"nasId\":\"n1\",\"assignedAddress\":\"100.64.5.6\","
                        + "\"start\":\"" + T + "\"}",
                "{\"subscriberId\":\"sub-B\",\"sessionId\":\"b\",\"nasId\":\"n1\",\"assignedAddress\":\"100.64.6.1\","
                        + "\"publicIp\":\"203.0.113.7\",\"publicPortStart\":1024,\"publicPortEnd\":2047,\"start\":\"" + T + "\"}",
                "{\"subscriberId\":\"sub-C\",\"sessionId\":\"c\",\"nasId\":\"n1\",\"assignedAddress\":\"100.64.6.2\","
                        + "\"publicIp\":\"203.0.113.7\",\"publicPortStart\":2048,\"publicPortEnd\":3071,\"start\":\"" + T + "\"}",
                "{\"subscriberId\":\"sub-D\",\"sessionId\":\"d\",\"nasId\":\"n1\",\"assignedAddress\":\"2001:db8:1200::/40\","
                        + "\"start\":\"" + T + "\"}");
        portBlock();
    }

    /**
     * A CGN port-block allocation and release through the port-block feed: public
     * 192.0.2.10:5000-5999 → inside 100.64.7.7 for four hours.
     */
    private static void portBlock() throws Exception {
        String block = "\"deviceId\":\"cgn-1\",\"insideIp\":\"100.64.7.7\",\"publicIp\":\"192.0.2.10\",\"portStart\":5000,"
                + "\"portEnd\":5999";
        client.as("feed").contentType(ContentType.JSON).body("{\"records\":[{\"event\":\"allocate\"," + block
                        + ",\"occurredAt\":\"" + T + "\"},{\"event\":\"release\"," + block + ",\"occurredAt\":\""
                        + T.plus(4, ChronoUnit.HOURS) + "\"}]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/ap/port-blocks").then().statusCode(200);
        sessions("{\"subscriberId\":\"sub-E\",\"sessionId\":\"e\",\"nasId\":\"n1\",\"assignedAddress\":\"100.64.7.7\","
                + "\"start\":\"" + T.minus(1, ChronoUnit.HOURS) + "\",\"end\":\"" + T.plus(5, ChronoUnit.HOURS) + "\"}");
    }

    @AfterAll
    static void stopSuite() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    private static String openCase(String type, String lookup, String... categories) {
        return client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"type\":\"" + type + "\",\"reference\":\"R8-" + lookup + "\",\"issuer\":\"Tokyo District Court\","
                        + "\"validTo\":\"" + Instant.now().plus(30, ChronoUnit.DAYS) + "\",\"lookups\":[\"" + lookup + "\"],"
                        + "\"categories\":[\"" + String.join("\",\"", categories) + "\"]}")
                .when().post(suite.url(ServiceName.POLICY) + "/api/v1/cases").then().statusCode(201).extract().path("id");
    }

    private static void sessions(String... records) {
        client.as("feed").contentType(ContentType.JSON).body("{\"records\":[" + String.join(",", records) + "]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/ap/sessions").then().statusCode(200);
    }

    private static ValidatableResponse ap(String caseId, String ip, Integer port, Instant at) {
        return client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"caseId\":\"" + caseId + "\",\"ip\":\"" + ip + "\"," + (port == null ? "" : "\"port\":" + port + ",")
                        + "\"instant\":\"" + at + "\"}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/ap").then();
    }

    private static List<String> subscribers(JsonPath answer) {
        return answer.getList("candidates.subscriberId");
    }

    @Test
    void sessionIntervalsAreStartInclusiveEndExclusiveWidenedOnlyByTheReportedTolerance() {
        Instant end = T.plus(2, ChronoUnit.HOURS);
        assertThat(subscribers(ap(apCase, "100.64.5.5", null, T).statusCode(200).extract().jsonPath())).containsExactly("sub-A");
        assertThat(subscribers(ap(apCase, "100.64.5.5", null, end.minusMillis(1)).extract().jsonPath())).containsExactly("sub-A");
        JsonPath justAfter = ap(apCase, "100.64.5.5", null, end.plusMillis(500)).extract().jsonPath();
        assertThat(subscribers(justAfter)).containsExactly("sub-A");
        assertThat(justAfter.getBoolean("candidates[0].onlyWithinTolerance")).isTrue();
        assertThat(justAfter.getLong("clockToleranceMillis")).isEqualTo(2000);
        assertThat(subscribers(ap(apCase, "100.64.5.5", null, end.plusSeconds(3)).extract().jsonPath())).isEmpty();
        assertThat(subscribers(ap(apCase, "100.64.5.5", null, T.minusSeconds(3)).extract().jsonPath())).isEmpty();
    }

    @Test
    void aSessionWithoutStopIsOpenEnded() {
        assertThat(subscribers(ap(apCase, "100.64.5.6", null, Instant.now().minusSeconds(60)).extract().jsonPath()))
                .containsExactly("sub-open");
    }

    @Test
    void thePortSelectsTheSubscriberBehindCarrierGradeNatAndItsAbsenceIsFlagged() {
        Instant at = T.plus(1, ChronoUnit.HOURS);
        assertThat(subscribers(ap(apCase, "203.0.113.7", 2047, at).extract().jsonPath())).containsExactly("sub-B");
        assertThat(subscribers(ap(apCase, "203.0.113.7", 2048, at).extract().jsonPath())).containsExactly("sub-C");
        assertThat(subscribers(ap(apCase, "203.0.113.7", 1023, at).extract().jsonPath())).isEmpty();
        JsonPath noPort = ap(apCase, "203.0.113.7", null, at).extract().jsonPath();
        assertThat(subscribers(noPort)).containsExactlyInAnyOrder("sub-B", "sub-C");
        assertThat(noPort.getBoolean("ambiguous")).isTrue();
        assertThat(noPort.getList("notes").toString()).contains("without a source port");
    }

    @Test
    void aPortBlockLeadsFromThePublicAddressToTheInsideAddressAndItsSubscriber() {
        Instant at = T.plus(1, ChronoUnit.HOURS);
        JsonPath found = ap(apCase, "192.0.2.10", 5999, at).statusCode(200).extract().jsonPath();
        assertThat(subscribers(found)).containsExactly("sub-E");
        assertThat(found.getString("candidates[0].matchedBy")).isEqualTo("PORT_BLOCK");
        assertThat(subscribers(ap(apCase, "192.0.2.10", 5000, at).extract().jsonPath())).containsExactly("sub-E");
        assertThat(subscribers(ap(apCase, "192.0.2.10", 6000, at).extract().jsonPath())).isEmpty();
        assertThat(subscribers(ap(apCase, "192.0.2.10", 5500, T.plus(4, ChronoUnit.HOURS).plusSeconds(3))
                .extract().jsonPath())).as("block released").isEmpty();
    }

    @Test
    void anIpv6AddressIsFoundInsideItsDelegatedPrefix() {
        JsonPath a = ap(apCase, "2001:db8:12ff:ffff::1", 443, T.plus(1, ChronoUnit.HOURS)).extract().jsonPath();
        assertThat(subscribers(a)).containsExactly("sub-D");
        assertThat(a.getString("candidates[0].assignedAddress")).isEqualTo("2001:db8:1200::/40");
        assertThat(subscribers(ap(apCase, "2001:db8:1300::1", null, T.plus(1, ChronoUnit.HOURS)).extract().jsonPath()))
                .isEmpty();
    }

    @Test
    void aPostWithoutAnIpLeadsToTheAccountsNearestLoginsWithinTheWindow() {
        String account = "acct-" + UUID.randomUUID();
        String post = "post-" + UUID.randomUUID();
        client.as("feed").contentType(ContentType.JSON).body("{\"records\":["
                        + cp("LOGIN", account, "l1", "198.51.100.1", T.minus(2, ChronoUnit.HOURS)) + ","
                        + cp("LOGIN", account, "l2", "198.51.100.2", T.minus(30, ChronoUnit.MINUTES)) + ","
                        + "{\"kind\":\"POST\",\"eventId\":\"" + post + "\",\"accountId\":\"" + account + "\",\"occurredAt\":\"" + T + "\"},"
                        + cp("LOGOUT", account, "l3", "198.51.100.3", T.plus(10, ChronoUnit.MINUTES)) + ","
                        + cp("LOGIN", account, "l4", "198.51.100.4", T.plus(2, ChronoUnit.DAYS)) + "]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/cp/events").then().statusCode(200);
        JsonPath answer = client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"caseId\":\"" + cpCase + "\",\"postId\":\"" + post + "\"}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/cp").then().statusCode(200)
                .extract().jsonPath();
        assertThat(answer.getString("post.ip")).isNull();
        assertThat(answer.getString("nearestBefore.ip")).isEqualTo("198.51.100.2");
        assertThat(answer.getString("nearestAfter.ip")).isEqualTo("198.51.100.3");
        assertThat(answer.getString("nearestAfter.kind")).isEqualTo("LOGOUT");
    }

    /**
     * Issue #20 (Enforcement Regulation Art. 2, Platform Act Art. 5(1)(iii)): a post on a
     * login-type service is answered item by item from the nearest login — IP, port, time in JST
     * to the millisecond, the SMS-verified number — marked as infringement-related; a case type
     * that may not receive those items gets them withheld with the reason, and no value leaks.
     */
    @Test
    void aLoginTypePostYieldsTheNearestLoginsItemsUnderArticle2AndACaseTypeThatMayNotGetsThemWithheld()
            throws Exception {
        String account = "acct-" + UUID.randomUUID();
        String post = "post-" + UUID.randomUUID();
        String phone = "+8190" + digits(8);
        String userCode = "uc-" + UUID.randomUUID();
        Instant login = T.minus(30, ChronoUnit.MINUTES).plusMillis(123);
        client.as("feed").contentType(ContentType.JSON).body("{\"records\":["
                        + "{\"kind\":\"LOGIN\",\"eventId\":\"si-login\",\"accountId\":\"" + account + "\",\"ip\":"
                        + "\"198.51.100.61\",\"sourcePort\":40061,\"smsVerifiedPhone\":\"" + phone + "\","
                        + "\"userManagementCode\":\"" + userCode + "\",\"occurredAt\":\"" + login + "\"},"
                        + "{\"kind\":\"POST\",\"eventId\":\"" + post + "\",\"accountId\":\"" + account + "\","
                        + "\"occurredAt\":\"" + T.plusMillis(7) + "\"}]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/cp/events").then().statusCode(200);

        JsonPath answer = cpLookup(cpCase, post);
        Map<String, Object> address = item(answer, "RELATED_IP_ADDRESS_AND_PORT");
        assertThat(address).containsEntry("value", "198.51.100.61:40061").containsEntry("article", "Art. 2(ix)")
                .containsEntry("source", "cp.login LOGIN si-login").containsEntry("infringementRelated", true);
        // T is a whole UTC hour, so the login was at hh:30:00.123 JST.
        assertThat((String) address.get("recordedAtJst")).endsWith(":30:00.123+09:00");
        assertThat(item(answer, "RELATED_TIMESTAMP")).containsEntry("value", address.get("recordedAtJst"))
                .containsEntry("article", "Art. 2(xii)");
        assertThat(item(answer, "RELATED_TELEPHONE")).containsEntry("value", phone).containsEntry("infringementRelated", true);
        assertThat(item(answer, "RELATED_USER_MANAGEMENT_CODE")).containsEntry("value", userCode);
        assertThat(item(answer, "TIMESTAMP")).containsEntry("article", "Art. 2(viii)").containsEntry("infringementRelated",
                false);
        assertThat((String) item(answer, "TIMESTAMP").get("value")).endsWith(":00:00.007+09:00");
        assertThat(answer.getList("withheld")).isEmpty();

        String request = openCase("DISCLOSURE_REQUEST", "CP_POST", "cp.post", "cp.login", "cp.account");
        ValidatableResponse withheld = client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"caseId\":\"" + request + "\",\"postId\":\"" + post + "\"}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/cp").then().statusCode(200);
        String body = withheld.extract().asString();
        JsonPath out = withheld.extract().jsonPath();
        assertThat(out.getString("nearestBefore")).isNull();
        assertThat(out.getList("senderInformation.item")).containsExactly("TIMESTAMP");
        assertThat(out.getList("withheld.item")).containsExactlyInAnyOrder("RELATED_IP_ADDRESS_AND_PORT",
                "RELATED_TIMESTAMP", "RELATED_TELEPHONE", "RELATED_USER_MANAGEMENT_CODE");
        assertThat(out.getList("withheld.reason", String.class)).allMatch(r -> r.contains("Art. 5(1)(iii)"));
        assertThat(out.getList("withheld.source", String.class)).containsOnly("cp.login LOGIN");
        assertThat(out.getList("notes").toString()).contains("withheld");
        assertThat(body).doesNotContain(phone).doesNotContain("198.51.100.61").doesNotContain(userCode)
                .doesNotContain("si-login");
        assertThat(serviceLogs()).doesNotContain(phone.substring(1)).doesNotContain(userCode);
    }

    /** Issue #20: a mobile session's mobile connection user ID and SIM identifier, as Art. 2(vi) and (vii). */
    @Test
    void aMobileSessionYieldsItsMobileUserIdAndSimIdentifierUnderArticle2() throws Exception {
        String msisdn = "8190" + digits(8);
        String imsi = "44010" + digits(10);
        sessions("{\"subscriberId\":\"sub-mobile\",\"sessionId\":\"mob\",\"nasId\":\"pgw-1\",\"assignedAddress\":"
                + "\"100.64.9.9\",\"start\":\"" + T + "\",\"end\":\"" + T.plus(1, ChronoUnit.HOURS) + "\",\"mobileUserId\":\""
                + msisdn + "\",\"simId\":\"" + imsi + "\"}");
        JsonPath answer = ap(apCase, "100.64.9.9", 443, T.plus(10, ChronoUnit.MINUTES).plusMillis(250)).statusCode(200)
                .extract().jsonPath();
        assertThat(subscribers(answer)).containsExactly("sub-mobile");
        List<Map<String, Object>> items = answer.getList("candidates[0].senderInformation");
        assertThat(items).anySatisfy(i -> assertThat(i).containsEntry("item", "MOBILE_USER_ID").containsEntry("value", msisdn)
                .containsEntry("article", "Art. 2(vi)").containsEntry("source", "ap.connection-auth session mob at NAS pgw-1"));
        assertThat(items).anySatisfy(i -> assertThat(i).containsEntry("item", "SIM_ID").containsEntry("value", imsi)
                .containsEntry("article", "Art. 2(vii)"));
        assertThat(items).anySatisfy(i -> assertThat(i).containsEntry("item", "SUBSCRIBER_REGISTER")
                .containsEntry("value", "sub-mobile"));
        assertThat(items).anySatisfy(i -> assertThat(i).containsEntry("item", "IP_ADDRESS_AND_PORT")
                .containsEntry("value", "100.64.9.9:443"));
        assertThat(items).anySatisfy(i -> assertThat(i).containsEntry("item", "TIMESTAMP")
                .containsEntry("value", T.plus(10, ChronoUnit.MINUTES).plusMillis(250).atOffset(java.time.ZoneOffset.ofHours(9))
                        .toLocalDateTime() + "+09:00"));
        assertThat(serviceLogs()).doesNotContain(msisdn).doesNotContain(imsi);
    }

    private static JsonPath cpLookup(String caseId, String post) {
        return client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"caseId\":\"" + caseId + "\",\"postId\":\"" + post + "\"}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/cp").then().statusCode(200)
                .extract().jsonPath();
    }

    private static Map<String, Object> item(JsonPath answer, String code) {
        List<Map<String, Object>> items = answer.getList("senderInformation");
        return items.stream().filter(i -> code.equals(i.get("item"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + items));
    }

    private static String digits(int n) {
        StringBuilder sb = new StringBuilder();
        java.util.Random random = new java.util.Random();
        for (int i = 0; i < n; i++) {
            sb.append(random.nextInt(10));
        }
        return sb.toString();
    }

    /** Everything the three services have logged so far. */
    private static String serviceLogs() throws java.io.IOException {
        StringBuilder all = new StringBuilder();
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("target", "lookups", "logs"))) {
            for (java.nio.file.Path f : files.toList()) {
                all.append(java.nio.file.Files.readString(f));
            }
        }
        assertThat(all.length()).as("the services' logs were read").isPositive();
        return all.toString();
    }

    private static String cp(String kind, String account, String id, String ip, Instant at) {
        return "{\"kind\":\"" + kind + "\",\"eventId\":\"" + id + "\",\"accountId\":\"" + account + "\",\"ip\":\"" + ip
                + "\",\"sourcePort\":40000,\"occurredAt\":\"" + at + "\"}";
    }

    @Test
    void withoutAValidCaseOrWithPolicyServiceDownTheLookUpIsRefusedAndAudited() throws Exception {
        ap(UUID.randomUUID().toString(), "100.64.5.5", null, T).statusCode(403)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.equalTo(
                        "urn:hozon:problem:lookup-not-authorised"));
        ap(cpCase, "100.64.5.5", null, T).statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("AP_ADDRESS"));
        client.as("feed").contentType(ContentType.JSON)
                .body("{\"caseId\":\"" + apCase + "\",\"ip\":\"100.64.5.5\",\"instant\":\"" + T + "\"}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/ap").then().statusCode(403);
        String neverConfirmed = openCase("WARRANT", "AP_ADDRESS", "ap.connection-auth");
        ap(apCase, "100.64.5.5", null, T).statusCode(200);
        suite.stopService(ServiceName.POLICY);
        try {
            ap(neverConfirmed, "100.64.5.5", null, T).statusCode(503)
                    .body("type", org.hamcrest.Matchers.equalTo("urn:hozon:problem:legal-basis-unverifiable"));
            // A case confirmed a moment ago is relied on for the decision TTL (PT1S here), then no longer.
            org.awaitility.Awaitility.await().atMost(DECISION_TTL.plusSeconds(10))
                    .until(() -> ap(apCase, "100.64.5.5", null, T).extract().statusCode() == 503);
        } finally {
            suite.startService(ServiceName.POLICY);
            // purge-service's breaker towards policy-service may have opened while it was down (its
            // gauges are refreshed on a schedule): the later tests of this suite purge, so wait until
            // purge-service reaches policy-service again (its breaker re-closes after 5 s).
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> client.as("auditor").when().get(suite.url(ServiceName.PURGE) + "/api/v1/compliance")
                            .then().extract().statusCode() == 200);
        }
        JsonPath audit = client.as("auditor").when().get(suite.url(ServiceName.INGEST) + "/api/v1/lookup-audit?limit=200")
                .then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("findAll { it.outcome == 'REFUSED' }.reason").toString())
                .contains("policy-service unreachable").contains("no case");
        assertThat(audit.getList("findAll { it.outcome == 'ANSWERED' }")).isNotEmpty();
        assertThat(audit.getString("[0].principal")).isEqualTo("alice");
    }

    @Test
    void aClosedCaseStopsAuthorisingWithinTheDecisionTtl() throws Exception {
        String warrant = openCase("WARRANT", "AP_ADDRESS", "ap.connection-auth");
        ap(warrant, "100.64.5.5", null, T).statusCode(200);
        client.as("alice", "legal-officer").contentType(ContentType.JSON).body("{\"reason\":\"investigation ended\"}")
                .when().post(suite.url(ServiceName.POLICY) + "/api/v1/cases/" + warrant + "/close").then().statusCode(200);
        org.awaitility.Awaitility.await().atMost(DECISION_TTL.plusSeconds(10))
                .until(() -> ap(warrant, "100.64.5.5", null, T).extract().statusCode() == 403);
        ap(warrant, "100.64.5.5", null, T).statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("was closed"));
    }

    @Test
    void aLookUpForLogsAlreadyDeletedIsCountedForTheMinistrysReview() throws Exception {
        client.createRule("ap.connection-auth", "P6M");
        assertThat(client.purge().getString("outcome")).isEqualTo("SUCCEEDED");
        JsonPath gone = ap(apCase, "100.64.9.9", 1000, SuiteClient.monthsAgo(8)).statusCode(200).extract().jsonPath();
        assertThat(gone.getBoolean("expiredBeforeRequest")).isTrue();
        JsonPath report = client.as("auditor").when().get(suite.url(ServiceName.INGEST) + "/api/v1/reports/expired-lookups")
                .then().statusCode(200).extract().jsonPath();
        assertThat(report.getLong("find { it.category == 'ap.connection-auth' }.lookups")).isGreaterThanOrEqualTo(1);
        assertThat(ap(apCase, "100.64.9.9", 1000, Instant.now().minusSeconds(60)).extract().jsonPath()
                .getBoolean("expiredBeforeRequest")).isFalse();
    }

    /**
     * Sessions and port blocks are found however long before the instant they started: open ones,
     * ones longer or shorter than the one-day bound by a millisecond, ones closed by a later record,
     * across twenty day partitions. Forty sessions with seeded random starts and lengths; each is
     * looked for at its start, just before its end, and just after its end.
     */
    @Test
    void anIntervalIsFoundWhereverItStartedHoweverLongItLasts() {
        long seed = 20261126L;
        java.util.Random random = new java.util.Random(seed);
        java.time.Duration day = java.time.Duration.ofDays(1);
        List<java.time.Duration> lengths = List.of(java.time.Duration.ofHours(3), day.minusMillis(1), day, day.plusMillis(1),
                java.time.Duration.ofDays(3), java.time.Duration.ofDays(15));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Object[]> expected = new java.util.ArrayList<>();
        List<String> first = new java.util.ArrayList<>();
        List<String> later = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Instant start = now.minus(java.time.Duration.ofMinutes(60 + random.nextInt(20 * 24 * 60)));
            int pick = random.nextInt(lengths.size() + 2);
            java.time.Duration length = pick < lengths.size() ? lengths.get(pick) : null;
            if (length != null && start.plus(length).isAfter(now.minusSeconds(30))) {
                length = java.time.Duration.between(start, now.minusSeconds(30));
            }
            // Open sessions; every other closed one arrives open first and is closed by a later copy.
            boolean closedLater = length != null && i % 2 == 0;
            String ip = "100.65." + (i / 200) + "." + (i % 200 + 1);
            String base = "\"subscriberId\":\"sub-r" + i + "\",\"sessionId\":\"r" + i + "\",\"nasId\":\"n-r\","
                    + "\"assignedAddress\":\"" + ip + "\",\"start\":\"" + start + "\"";
            String closed = length == null ? null : "{" + base + ",\"end\":\"" + start.plus(length) + "\"}";
            first.add(closedLater || length == null ? "{" + base + "}" : closed);
            if (closedLater) {
                later.add(closed);
            }
            expected.add(new Object[] {ip, "sub-r" + i, start, length == null ? null : start.plus(length)});
        }
        sessions(first.toArray(String[]::new));
        sessions(later.toArray(String[]::new));
        for (Object[] e : expected) {
            String ip = (String) e[0];
            Instant start = (Instant) e[2];
            Instant end = (Instant) e[3];
            String why = "seed " + seed + ", session " + e[1] + " " + start + " - " + end;
            assertThat(subscribers(ap(apCase, ip, null, start).statusCode(200).extract().jsonPath())).as(why)
                    .containsExactly((String) e[1]);
            Instant lastMoment = end == null ? now : end.minusMillis(1);
            assertThat(subscribers(ap(apCase, ip, null, lastMoment).extract().jsonPath())).as(why)
                    .containsExactly((String) e[1]);
            if (end != null) {
                assertThat(subscribers(ap(apCase, ip, null, end.plusSeconds(3)).extract().jsonPath())).as(why).isEmpty();
            }
        }
    }

    /**
     * A CGN port block allocated days before the instant and still held (a long-lived block), and
     * one released after more than a day, both lead to the session of their inside address.
     */
    @Test
    void aLongHeldPortBlockLeadsToItsSubscriberDaysLater() {
        Instant allocated = Instant.now().minus(9, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String open = "\"deviceId\":\"cgn-1\",\"insideIp\":\"100.66.0.1\",\"publicIp\":\"192.0.2.20\","
                + "\"portStart\":1000,\"portEnd\":1999";
        String released = "\"deviceId\":\"cgn-1\",\"insideIp\":\"100.66.0.2\",\"publicIp\":\"192.0.2.20\","
                + "\"portStart\":2000,\"portEnd\":2999";
        client.as("feed").contentType(ContentType.JSON).body("{\"records\":[{\"event\":\"allocate\"," + open
                        + ",\"occurredAt\":\"" + allocated + "\"},{\"event\":\"allocate\"," + released
                        + ",\"occurredAt\":\"" + allocated + "\"},{\"event\":\"release\"," + released
                        + ",\"occurredAt\":\"" + allocated.plus(2, ChronoUnit.DAYS) + "\"}]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/ap/port-blocks").then().statusCode(200);
        sessions("{\"subscriberId\":\"sub-L1\",\"sessionId\":\"l1\",\"nasId\":\"n1\",\"assignedAddress\":\"100.66.0.1\","
                        + "\"start\":\"" + allocated.minusSeconds(60) + "\"}",
                "{\"subscriberId\":\"sub-L2\",\"sessionId\":\"l2\",\"nasId\":\"n1\",\"assignedAddress\":\"100.66.0.2\","
                        + "\"start\":\"" + allocated.minusSeconds(60) + "\",\"end\":\"" + allocated.plus(3, ChronoUnit.DAYS)
                        + "\"}");
        Instant weekLater = allocated.plus(7, ChronoUnit.DAYS);
        assertThat(subscribers(ap(apCase, "192.0.2.20", 1500, weekLater).statusCode(200).extract().jsonPath()))
                .containsExactly("sub-L1");
        Instant beforeRelease = allocated.plus(2, ChronoUnit.DAYS).minusSeconds(10);
        assertThat(subscribers(ap(apCase, "192.0.2.20", 2500, beforeRelease).extract().jsonPath())).containsExactly("sub-L2");
        assertThat(subscribers(ap(apCase, "192.0.2.20", 2500, weekLater).extract().jsonPath())).isEmpty();
    }

    /** A case for posts alone never reaches the account's logins or account events (cp.login, cp.account). */
    @Test
    void aPostOnlyCaseAnswersFromThePostAndNeverFromLoginEvents() {
        String postOnly = openCase("DISCLOSURE_ORDER", "CP_POST", "cp.post");
        String account = "acct-" + UUID.randomUUID();
        String post = "post-" + UUID.randomUUID();
        client.as("feed").contentType(ContentType.JSON).body("{\"records\":["
                        + cp("LOGIN", account, "pl1", "198.51.100.21", T.minus(20, ChronoUnit.MINUTES)) + ","
                        + "{\"kind\":\"POST\",\"eventId\":\"" + post + "\",\"accountId\":\"" + account + "\",\"occurredAt\":\""
                        + T + "\"}]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/cp/events").then().statusCode(200);
        JsonPath answer = client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"caseId\":\"" + postOnly + "\",\"postId\":\"" + post + "\"}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/cp").then().statusCode(200)
                .extract().jsonPath();
        assertThat(answer.getString("post.eventId")).isEqualTo(post);
        assertThat(answer.getString("nearestBefore")).isNull();
        assertThat(answer.getString("nearestAfter")).isNull();
        assertThat(answer.getList("categoriesSearched")).containsExactly("cp.post");
        assertThat(answer.getList("categoriesNotCovered")).containsExactly("cp.login", "cp.account");
        assertThat(answer.getList("notes").toString()).contains("cp.login was not searched");
        JsonPath audit = lookupAudit();
        assertThat(audit.getList("find { it.caseId == '" + postOnly + "' }.categories")).containsExactly("cp.post");

        JsonPath full = client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"caseId\":\"" + cpCase + "\",\"postId\":\"" + post + "\"}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/cp").then().statusCode(200)
                .extract().jsonPath();
        assertThat(full.getString("nearestBefore.ip")).isEqualTo("198.51.100.21");
        assertThat(full.getList("categoriesSearched")).containsExactly("cp.post", "cp.login", "cp.account");
    }

    /** A case for sessions alone does not walk through the CGN port blocks, and says so. */
    @Test
    void aSessionsOnlyCaseDoesNotReachTheSubscriberThroughAPortBlock() {
        String sessionsOnly = openCase("WARRANT", "AP_ADDRESS", "ap.connection-auth");
        JsonPath answer = ap(sessionsOnly, "192.0.2.10", 5999, T.plus(1, ChronoUnit.HOURS)).statusCode(200)
                .extract().jsonPath();
        assertThat(subscribers(answer)).isEmpty();
        assertThat(answer.getList("categoriesSearched")).containsExactly("ap.connection-auth");
        assertThat(answer.getList("categoriesNotCovered")).containsExactly("ap.nat-port-block");
        assertThat(answer.getList("notes").toString()).contains("ap.nat-port-block was not searched");
        assertThat(lookupAudit().getList("find { it.caseId == '" + sessionsOnly + "' }.categories"))
                .containsExactly("ap.connection-auth");
        // Sessions it does cover are still answered.
        assertThat(subscribers(ap(sessionsOnly, "100.64.5.5", null, T).statusCode(200).extract().jsonPath()))
                .containsExactly("sub-A");
    }

    /** The block a candidate was reached through is part of the evidence, and its edge is flagged. */
    @Test
    void aMatchThroughAPortBlockCarriesTheBlockAndOnlyWithinToleranceAtTheBlocksEdge() {
        JsonPath inside = ap(apCase, "192.0.2.10", 5500, T.plus(1, ChronoUnit.HOURS)).statusCode(200).extract().jsonPath();
        assertThat(subscribers(inside)).containsExactly("sub-E");
        assertThat(inside.getString("candidates[0].portBlock.publicIp")).isEqualTo("192.0.2.10");
        assertThat(inside.getInt("candidates[0].portBlock.portStart")).isEqualTo(5000);
        assertThat(inside.getInt("candidates[0].portBlock.portEnd")).isEqualTo(5999);
        assertThat(inside.getString("candidates[0].portBlock.deviceId")).isEqualTo("cgn-1");
        assertThat(Instant.parse(inside.getString("candidates[0].portBlock.allocatedAt"))).isEqualTo(T);
        assertThat(Instant.parse(inside.getString("candidates[0].portBlock.releasedAt"))).isEqualTo(T.plus(4, ChronoUnit.HOURS));
        assertThat(inside.getBoolean("candidates[0].onlyWithinTolerance")).isFalse();

        // Half a second after the block's release the session is still running: only the block needs the tolerance.
        JsonPath edge = ap(apCase, "192.0.2.10", 5500, T.plus(4, ChronoUnit.HOURS).plusMillis(500)).statusCode(200)
                .extract().jsonPath();
        assertThat(subscribers(edge)).containsExactly("sub-E");
        assertThat(edge.getBoolean("candidates[0].portBlock.onlyWithinTolerance")).isTrue();
        assertThat(edge.getBoolean("candidates[0].onlyWithinTolerance")).isTrue();
        assertThat(edge.getList("notes").toString()).contains("only within the clock tolerance");
        // Direct matches carry no block.
        assertThat(ap(apCase, "100.64.5.5", null, T).extract().jsonPath().getString("candidates[0].portBlock")).isNull();
    }

    /** Malformed attempts and ones naming no case are refused and still audited. */
    @Test
    void everyLookUpAttemptIsAuditedAlsoMalformedOrWithoutACase() {
        String ingest = suite.url(ServiceName.INGEST);
        client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"ip\":\"100.64.5.5\",\"instant\":\"" + T + "\"}")
                .when().post(ingest + "/api/v1/lookups/ap").then().statusCode(400)
                .contentType("application/problem+json");
        client.as("alice", "legal-officer").contentType(ContentType.JSON).body("{\"postId\":\"post-x\"}")
                .when().post(ingest + "/api/v1/lookups/cp").then().statusCode(400);
        client.as("alice", "legal-officer").contentType(ContentType.JSON).body("{not json")
                .when().post(ingest + "/api/v1/lookups/ap").then().statusCode(400);
        ap(apCase, "not-an-address", null, T).statusCode(400);

        List<java.util.Map<String, Object>> refused = lookupAudit().getList("findAll { it.outcome == 'REFUSED' }");
        List<String> reasons = refused.stream().map(e -> String.valueOf(e.get("reason"))).toList();
        assertThat(reasons).anyMatch(r -> r.startsWith("no legal basis named") && r.contains("caseId"));
        assertThat(refused).anyMatch(e -> "CP_POST".equals(e.get("lookupKind"))
                && String.valueOf(e.get("reason")).startsWith("no legal basis named"));
        assertThat(reasons).as("the unreadable body").anyMatch(r -> r.startsWith("malformed: ") && !r.contains("ip"));
        assertThat(refused).anyMatch(e -> apCase.equals(e.get("caseId")) && String.valueOf(e.get("reason")).contains("ip"));
        assertThat(refused).filteredOn(e -> String.valueOf(e.get("reason")).startsWith("no legal basis named"))
                .allMatch(e -> "alice".equals(e.get("principal")));
    }

    /**
     * A disclosure order's list as one request: one NDJSON line per tuple, in the order given,
     * each answered (or refused) exactly as its single look-up is, and each audited on its own.
     */
    @Test
    void aBulkLookUpAnswersEveryTupleInOrderEachAuditedAsItsSingleLookUp() throws Exception {
        int before = lookupAudit().getList("$").size();
        String body = "{\"caseId\":\"" + apCase + "\",\"tuples\":["
                + "{\"ip\":\"203.0.113.7\",\"port\":2500,\"instant\":\"" + T.plus(1, ChronoUnit.HOURS) + "\"},"
                + "{\"ip\":\"100.64.99.99\",\"instant\":\"" + T + "\"},"
                + "{\"ip\":\"192.0.2.10\",\"port\":70000,\"instant\":\"" + T + "\"},"
                + "{\"ip\":\"192.0.2.10\",\"port\":5500,\"instant\":\"" + T.plus(1, ChronoUnit.HOURS) + "\"}]}";
        io.restassured.response.Response r = client.as("alice", "legal-officer").contentType(ContentType.JSON).body(body)
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/ap/bulk");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/x-ndjson");
        List<JsonPath> lines = r.asString().lines().map(JsonPath::from).toList();
        assertThat(lines).hasSize(4);
        assertThat(lines).extracting(l -> l.getInt("index")).containsExactly(0, 1, 2, 3);
        // Each as its single look-up answers it.
        String single = ap(apCase, "203.0.113.7", 2500, T.plus(1, ChronoUnit.HOURS)).statusCode(200).extract().asString();
        assertThat(lines.get(0).getList("answer.candidates.subscriberId")).containsExactly("sub-C")
                .isEqualTo(JsonPath.from(single).getList("candidates.subscriberId"));
        assertThat(lines.get(1).getList("answer.candidates")).isEmpty();
        assertThat(lines.get(2).getString("problem.type")).isEqualTo("urn:hozon:problem:validation");
        assertThat(lines.get(2).getString("problem.errors[0].field")).isEqualTo("port");
        assertThat(lines.get(2).getString("answer")).isNull();
        assertThat(lines.get(3).getList("answer.candidates.subscriberId")).containsExactly("sub-E");
        assertThat(lines.get(3).getString("answer.candidates[0].matchedBy")).isEqualTo("PORT_BLOCK");
        // Four attempts audited (plus the single look-up above), the refused one with its reason.
        List<Map<String, Object>> entries = lookupAudit().getList("$");
        assertThat(entries.size() - before).isEqualTo(5);
        assertThat(entries.subList(0, 5)).filteredOn(e -> "REFUSED".equals(e.get("outcome"))).hasSize(1)
                .allSatisfy(e -> assertThat(String.valueOf(e.get("reason"))).startsWith("malformed: ").contains("port"));

        // Longer than one group commit (100 tuples): every line, in order, every tuple audited.
        int auditedBefore = lookupAudit().getList("$").size();
        String many = "{\"caseId\":\"" + apCase + "\",\"tuples\":["
                + String.join(",", java.util.Collections.nCopies(250, "{\"ip\":\"100.64.5.5\",\"instant\":\""
                        + T.plus(1, ChronoUnit.HOURS) + "\"}")) + "]}";
        List<JsonPath> manyLines = client.as("alice", "legal-officer").contentType(ContentType.JSON).body(many)
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/ap/bulk").then().statusCode(200)
                .extract().asString().lines().map(JsonPath::from).toList();
        assertThat(manyLines).extracting(l -> l.getInt("index")).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 250).boxed().toList());
        assertThat(manyLines).allSatisfy(l -> assertThat(l.getList("answer.candidates.subscriberId")).containsExactly("sub-A"));
        assertThat(lookupAudit().getList("$").size() - auditedBefore).isEqualTo(250);
        entries = lookupAudit().getList("$");

        // Refused as a whole, nothing looked up (and audited once): no case, no tuples, too many.
        client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"tuples\":[{\"ip\":\"100.64.5.5\",\"instant\":\"" + T + "\"}]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/ap/bulk").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.equalTo("caseId"));
        client.as("alice", "legal-officer").contentType(ContentType.JSON).body("{\"caseId\":\"" + apCase + "\",\"tuples\":[]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/ap/bulk").then().statusCode(400);
        String tooMany = "{\"caseId\":\"" + apCase + "\",\"tuples\":["
                + String.join(",", java.util.Collections.nCopies(1001, "{\"ip\":\"100.64.5.5\",\"instant\":\"" + T + "\"}"))
                + "]}";
        client.as("alice", "legal-officer").contentType(ContentType.JSON).body(tooMany)
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/ap/bulk").then().statusCode(400)
                .body("maxRecords", org.hamcrest.Matchers.equalTo(1000)).body("records", org.hamcrest.Matchers.equalTo(1001));
        List<Map<String, Object>> after = lookupAudit().getList("$");
        assertThat(after.size() - entries.size()).isEqualTo(3);
        // Not a legal officer: refused before anything runs.
        client.as("auditor").contentType(ContentType.JSON).body(body)
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/ap/bulk").then().statusCode(403);
    }

    private static JsonPath lookupAudit() {
        return client.as("auditor").when().get(suite.url(ServiceName.INGEST) + "/api/v1/lookup-audit?limit=1000")
                .then().statusCode(200).extract().jsonPath();
    }
}
