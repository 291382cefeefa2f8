package hozon.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AP attribution where no NAT log exists: MAP-E and deterministic CGN computed from the rule
 * set in force, DS-Lite through the AFTR's port-block log with the B4's IPv6 address.
 */
class AttributionTest {

    private static Suite suite;
    private static SuiteClient client;
    private static String caseId;
    private static final Instant T = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    /** v6plus-like shape in documentation space: 2001:db8::/31 ↔ 198.18.0.0/15, o = 25, a = 4, k = 8. */
    private static final String MAP_E = "{\"name\":\"mape-east\",\"mechanism\":\"MAP_E\",\"validFrom\":\""
            + T.minus(30, ChronoUnit.DAYS) + "\",\"provenance\":\"OPERATOR_CONFIGURATION\",\"provenanceNote\":"
            + "\"BR configuration export\",\"mapERules\":[{\"ruleIpv6Prefix\":\"2001:db8::/31\",\"ruleIpv4Prefix\":"
            + "\"198.18.0.0/15\",\"eaBitsLength\":25,\"psidOffset\":4,\"psidLength\":8}]}";

    @BeforeAll
    static void start() throws Exception {
        suite = SuiteFixture.start("attribution");
        client = new SuiteClient(suite);
        caseId = client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"type\":\"WARRANT\",\"reference\":\"attr-1\",\"issuer\":\"Tokyo District Court\",\"validTo\":\""
                        + Instant.now().plus(1, ChronoUnit.DAYS) + "\",\"lookups\":[\"AP_ADDRESS\"],"
                        + "\"categories\":[\"ap.connection-auth\",\"ap.nat-port-block\"]}")
                .when().post(suite.url(ServiceName.POLICY) + "/api/v1/cases").then().statusCode(201).extract().path("id");
        client.as("carol", "policy-admin").contentType(ContentType.JSON).body(MAP_E)
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/attribution/rule-sets").then().statusCode(201)
                .body("version", equalTo(1));
        // 100.64.100.0/24 behind 203.0.113.100-103, 64 hosts per address, 1008 ports each above 1024.
        client.as("carol", "policy-admin").contentType(ContentType.JSON).body("{\"name\":\"dcgn-west\",\"mechanism\":"
                        + "\"DETERMINISTIC_CGN\",\"validFrom\":\"" + T.minus(30, ChronoUnit.DAYS) + "\",\"provenance\":"
                        + "\"OPERATOR_CONFIGURATION\",\"provenanceNote\":\"CGN deterministic mode configuration\","
                        + "\"deterministicCgn\":[{\"insideFirst\":\"100.64.100.0\",\"insideLast\":\"100.64.100.255\","
                        + "\"outsideFirst\":\"203.0.113.100\",\"outsideLast\":\"203.0.113.103\",\"compression\":64,"
                        + "\"reservedPorts\":1024,\"dynamicPercent\":0,\"algorithm\":\"SEQUENTIAL\"}]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/attribution/rule-sets").then().statusCode(201);
        client.as("feed").contentType(ContentType.JSON).body("{\"records\":["
                        + session("sub-M", "2001:db8:304:5a00::/56") + "," + session("sub-M2", "2001:db8:304:5b00::/56") + ","
                        + session("sub-DS", "2001:db8:ff00::/56") + "," + session("sub-DC", "100.64.100.70") + "]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/ap/sessions").then().statusCode(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    private static String session(String sub, String address) {
        return "{\"subscriberId\":\"" + sub + "\",\"sessionId\":\"" + sub + "\",\"nasId\":\"bng-1\",\"assignedAddress\":\""
                + address + "\",\"start\":\"" + T + "\",\"end\":\"" + T.plus(6, ChronoUnit.HOURS) + "\"}";
    }

    private static ValidatableResponse ap(String ip, Integer port, Instant at) {
        return client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"caseId\":\"" + caseId + "\",\"ip\":\"" + ip + "\"," + (port == null ? "" : "\"port\":" + port + ",")
                        + "\"instant\":\"" + at + "\"}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/ap").then();
    }

    @Test
    void mapEComputesThePsidAndPrefixFromTheRuleInForceAndFindsTheDelegation() {
        // 198.18.3.4 port 5539 = A 1, PSID 0x5A, M 3 → EA bits 772·2^8 + 90 → 2001:db8:304:5a00::/56.
        JsonPath a = ap("198.18.3.4", 5539, T.plus(1, ChronoUnit.HOURS)).statusCode(200).extract().jsonPath();
        assertThat(a.getList("candidates.subscriberId")).containsExactly("sub-M");
        assertThat(a.getString("candidates[0].matchedBy")).isEqualTo("MAP_E");
        assertThat(a.getBoolean("ambiguous")).isFalse();
        assertThat(a.getString("derivations[0].mechanism")).isEqualTo("MAP_E");
        assertThat(a.getInt("derivations[0].psid")).isEqualTo(0x5A);
        assertThat(a.getString("derivations[0].eaBits")).isEqualTo("0000000110000010001011010");
        assertThat(a.getString("derivations[0].endUserPrefix")).isEqualTo("2001:db8:304:5a00::/56");
        assertThat(a.getList("derivations[0].portSet.containingPort")).containsExactly(5536, 5551);
        assertThat(a.getInt("derivations[0].ruleSet.version")).isEqualTo(1);
        assertThat(a.getInt("derivations[0].parameters.portsPerCustomer")).isEqualTo(240);
        assertThat(a.getInt("derivations[0].matchCount")).isEqualTo(1);
        // The neighbouring port set (PSID 0x5B) is another customer.
        assertThat(ap("198.18.3.4", 5555, T.plus(1, ChronoUnit.HOURS)).extract().jsonPath()
                .getList("candidates.subscriberId")).containsExactly("sub-M2");
    }

    @Test
    void mapEWithoutAPortListsEveryCustomerOfTheAddressAndPicksNone() {
        JsonPath a = ap("198.18.3.4", null, T.plus(1, ChronoUnit.HOURS)).statusCode(200).extract().jsonPath();
        assertThat(a.getList("candidates.subscriberId")).containsExactlyInAnyOrder("sub-M", "sub-M2");
        assertThat(a.getBoolean("ambiguous")).isTrue();
        assertThat(a.getInt("derivations[0].candidatePrefixes")).isEqualTo(256);
        assertThat(a.getString("derivations[0].sharedPrefix")).isEqualTo("2001:db8:304::/48");
    }

    @Test
    void aPortInTheExcludedRangeIsRefusedWithTheReasonAndAudited() {
        ap("198.18.3.4", 80, T.plus(1, ChronoUnit.HOURS)).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:hozon:problem:port-outside-port-sets"))
                .body("detail", containsString("excluded range 0-4095"));
        JsonPath audit = client.as("auditor").when().get(suite.url(ServiceName.INGEST) + "/api/v1/lookup-audit?limit=50")
                .then().statusCode(200).extract().jsonPath();
        assertThat(audit.getList("findAll { it.outcome == 'REFUSED' }.reason").toString()).contains("excluded range");
    }

    @Test
    void dsLiteAttributesThroughTheAftrLogOfTheB4AddressToItsDelegatedPrefix() {
        client.as("feed").contentType(ContentType.JSON).body("{\"records\":[{\"event\":\"allocate\",\"deviceId\":\"aftr-1\","
                        + "\"insideIp\":\"2001:db8:ff00::1\",\"publicIp\":\"192.0.2.50\",\"portStart\":2000,\"portEnd\":2999,"
                        + "\"occurredAt\":\"" + T.plus(10, ChronoUnit.MINUTES) + "\"}]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/ap/port-blocks").then().statusCode(200);
        JsonPath a = ap("192.0.2.50", 2500, T.plus(1, ChronoUnit.HOURS)).statusCode(200).extract().jsonPath();
        assertThat(a.getList("candidates.subscriberId")).containsExactly("sub-DS");
        assertThat(a.getString("candidates[0].matchedBy")).isEqualTo("DS_LITE");
    }

    @Test
    void deterministicCgnComputesTheInsideHostFromTheConfigurationInForce() {
        // Host 70 of 100.64.100.0/24: outside 203.0.113.101 (70 / 64 = 1), slot 6, ports 7072-8079.
        JsonPath a = ap("203.0.113.101", 7100, T.plus(1, ChronoUnit.HOURS)).statusCode(200).extract().jsonPath();
        assertThat(a.getList("candidates.subscriberId")).containsExactly("sub-DC");
        assertThat(a.getString("candidates[0].matchedBy")).isEqualTo("DETERMINISTIC_CGN");
        assertThat(a.getString("derivations[0].insideHosts[0].inside")).isEqualTo("100.64.100.70");
        assertThat(a.getList("derivations[0].insideHosts[0].ports")).containsExactly(7072, 8079);
        assertThat(ap("203.0.113.101", 8080, T.plus(1, ChronoUnit.HOURS)).extract().jsonPath()
                .getList("candidates.subscriberId")).doesNotContain("sub-DC");
    }

    @Test
    void ruleSetsAreValidatedNamingTheConstraintAndMayNotOverlapOrGoBackInTime() {
        String url = suite.url(ServiceName.INGEST) + "/api/v1/attribution/rule-sets";
        client.as("carol", "policy-admin").contentType(ContentType.JSON)
                .body(MAP_E.replace("mape-east", "bad").replace("\"psidOffset\":4", "\"psidOffset\":10"))
                .when().post(url).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("mapERules[0]"))
                .body("errors[0].reason", containsString("a + PSID length k must not exceed 16"));
        client.as("carol", "policy-admin").contentType(ContentType.JSON).body(MAP_E.replace("mape-east", "mape-other"))
                .when().post(url).then().statusCode(409).body("type", equalTo("urn:hozon:problem:rule-set-overlap"));
        client.as("carol", "policy-admin").contentType(ContentType.JSON).body(MAP_E)
                .when().post(url).then().statusCode(409).body("type", equalTo("urn:hozon:problem:rule-set-version-order"));
        client.as("feed").contentType(ContentType.JSON).body(MAP_E.replace("mape-east", "by-feed"))
                .when().post(url).then().statusCode(403);
    }

    /**
     * RFC 7422 §2.3's own example through the API: inside 198.51.100.0/28's hosts .1–.14, outside
     * 192.0.2.1, C = 14, D = 2, ports 0–1023 reserved → 4032 ports per host; 192.0.2.1:5056 is
     * 198.51.100.2; 57472 starts the dynamic pool. A configuration that would need rounding is refused.
     */
    @Test
    void deterministicCgnAsRfc7422StatesItExactlyAndNeverRounded() {
        String url = suite.url(ServiceName.INGEST) + "/api/v1/attribution/rule-sets";
        String rfc = "{\"name\":\"dcgn-rfc7422\",\"mechanism\":\"DETERMINISTIC_CGN\",\"validFrom\":\""
                + T.minus(30, ChronoUnit.DAYS) + "\",\"provenance\":\"OTHER\",\"provenanceNote\":\"RFC 7422 section 2.3\","
                + "\"deterministicCgn\":[{\"insideFirst\":\"198.51.100.1\",\"insideLast\":\"198.51.100.14\","
                + "\"outsideFirst\":\"192.0.2.1\",\"outsideLast\":\"192.0.2.1\",\"compression\":14,"
                + "\"reservedPorts\":1024,\"dynamicSlots\":2,\"algorithm\":\"SEQUENTIAL\"}]}";
        client.as("carol", "policy-admin").contentType(ContentType.JSON).body(rfc.replace("\"dynamicSlots\":2",
                        "\"dynamicPercent\":12"))
                .when().post(url).then().statusCode(400).body("errors[0].reason", containsString("never rounded"));
        client.as("carol", "policy-admin").contentType(ContentType.JSON).body(rfc)
                .when().post(url).then().statusCode(201).body("deterministicCgn[0].portsPerHost", equalTo(4032));
        client.as("feed").contentType(ContentType.JSON).body("{\"records\":[" + session("sub-RFC2", "198.51.100.2") + "]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/ap/sessions").then().statusCode(200);
        JsonPath a = ap("192.0.2.1", 5056, T.plus(1, ChronoUnit.HOURS)).statusCode(200).extract().jsonPath();
        assertThat(a.getList("candidates.subscriberId")).containsExactly("sub-RFC2");
        assertThat(a.getString("derivations[0].insideHosts[0].inside")).isEqualTo("198.51.100.2");
        assertThat(a.getList("derivations[0].insideHosts[0].ports")).containsExactly(5056, 9087);
        assertThat(a.getInt("derivations[0].parameters.portsPerHost")).isEqualTo(4032);
        assertThat(a.getInt("derivations[0].parameters.dynamicPoolFrom")).isEqualTo(57472);
        JsonPath pool = ap("192.0.2.1", 57472, T.plus(1, ChronoUnit.HOURS)).statusCode(200).extract().jsonPath();
        assertThat(pool.getString("derivations[0].slot")).isEqualTo("DYNAMIC_POOL");
    }

    /** MAP-E with PSID length 0 (RFC 7597 Appendix A Example 4's shape): the CE owns the whole address, port 80 too. */
    @Test
    void mapEWithoutSharingGivesEveryPortOfTheAddressToItsCustomer() {
        String url = suite.url(ServiceName.INGEST) + "/api/v1/attribution/rule-sets";
        client.as("carol", "policy-admin").contentType(ContentType.JSON).body("{\"name\":\"mape-whole\",\"mechanism\":"
                        + "\"MAP_E\",\"validFrom\":\"" + T.minus(30, ChronoUnit.DAYS) + "\",\"provenance\":\"OTHER\","
                        + "\"provenanceNote\":\"k = 0\",\"mapERules\":[{\"ruleIpv6Prefix\":\"2001:db8:a000::/40\","
                        + "\"ruleIpv4Prefix\":\"192.0.2.128/25\",\"eaBitsLength\":7,\"psidOffset\":6,\"psidLength\":0}]}")
                .when().post(url).then().statusCode(201);
        // 192.0.2.130: suffix 2 → EA bits 0000010 → 2001:db8:a004::/47.
        client.as("feed").contentType(ContentType.JSON).body("{\"records\":[" + session("sub-WHOLE", "2001:db8:a004::/47") + "]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/ap/sessions").then().statusCode(200);
        for (Integer port : new Integer[] {80, 1023, 65535, null}) {
            JsonPath a = ap("192.0.2.130", port, T.plus(1, ChronoUnit.HOURS)).statusCode(200).extract().jsonPath();
            assertThat(a.getList("candidates.subscriberId")).as("port " + port).containsExactly("sub-WHOLE");
            assertThat(a.getBoolean("ambiguous")).isFalse();
            assertThat(a.getString("derivations[0].endUserPrefix")).isEqualTo("2001:db8:a004::/47");
        }
    }
}
