package hozon.suite;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every body-taking operation the three OpenAPI documents list, with a valid body mutated as a
 * careless client or an attacker would: wrong JSON types, null, NUL and other control
 * characters, huge strings, empty strings, impossible years, null array elements, unknown fields,
 * missing fields, trailing bytes, a second JSON value, invalid UTF-8. Asserted for every one: never
 * a 5xx; every 4xx is problem+json, a 400 for a mutated field names that field, and nothing was
 * stored (row counts of every log, policy and purge table unchanged; audit tables excepted, they
 * record the refusal). Seeded and reproducible: {@code -Dhozon.fuzz.seed=…},
 * {@code -Dhozon.fuzz.mutations=…} per operation.
 */
class FuzzTest {

    private static final long SEED = Long.getLong("hozon.fuzz.seed", 20261201L);
    private static final int MUTATIONS = Integer.getInteger("hozon.fuzz.mutations", 30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Tables that record refused requests on purpose, or change by themselves. */
    private static final List<String> NOT_COUNTED = List.of("security_audit", "lookup_audit", "flyway_schema_history",
            "category_cache", "expired_lookup");

    private static Suite suite;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        suite = SuiteFixture.start("fuzz");
        token = suite.token("fuzzer", Duration.ofHours(1), "feed", "policy-admin", "legal-officer", "auditor",
                "purge-operator", "svc-purge", "svc-ingest");
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    /** A valid body per operation id; an operation the documents list without one here fails the test. */
    private static Map<String, String> seeds() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String uuid = UUID.randomUUID().toString();
        Map<String, String> m = new TreeMap<>();
        m.put("ApprovalResource_approve", "{\"comment\":\"confirmed\"}");
        m.put("ApprovalResource_reject", "{\"comment\":\"not confirmed\"}");
        m.put("CaseResource_decide", "{\"caseId\":\"" + uuid + "\",\"lookup\":\"AP_ADDRESS\",\"category\":\"ap.connection-auth\"}");
        m.put("CaseResource_create", "{\"type\":\"WARRANT\",\"reference\":\"F-1\",\"issuer\":\"Tokyo District Court\","
                + "\"validTo\":\"" + now.plus(10, ChronoUnit.DAYS) + "\",\"lookups\":[\"AP_ADDRESS\"],"
                + "\"categories\":[\"ap.connection-auth\"]}");
        m.put("CaseResource_close", "{\"reason\":\"investigation closed\"}");
        m.put("HoldResource_create", "{\"type\":\"PRESERVATION_REQUEST\",\"days\":20,\"authority\":\"Osaka District Public"
                + " Prosecutors Office\",\"officer\":\"Prosecutor Tanaka\",\"documentRef\":\"R8-1\",\"requestDate\":\""
                + now.atZone(SuiteClient.JST).toLocalDate() + "\",\"windowFrom\":\"" + now.minus(3, ChronoUnit.DAYS)
                + "\",\"windowTo\":\"" + now.minus(1, ChronoUnit.DAYS) + "\",\"categories\":[\"ap.connection-auth\"],"
                + "\"selectors\":[{\"kind\":\"IP\",\"value\":\"192.0.2.1\",\"portStart\":1024,\"portEnd\":2047}],"
                + "\"confidential\":false}");
        m.put("HoldResource_extend", "{\"days\":10,\"documentRef\":\"R8-2\"}");
        m.put("HoldResource_release", "{\"kind\":\"WITHDRAWN\",\"reason\":\"investigation closed\"}");
        m.put("PurposeAchievementResource_record", "{\"category\":\"cp.account\",\"selectorKind\":\"ACCOUNT\","
                + "\"selectorValue\":\"acct-1\",\"reason\":\"account closed\"}");
        m.put("RetentionRuleResource_create", "{\"category\":\"cp.post\",\"period\":\"P6M\",\"justification\":\"disputes\","
                + "\"effectiveFrom\":\"2099-01-01T00:00:00Z\"}");
        m.put("IngestResource_portBlocks", "{\"records\":[{\"event\":\"allocate\",\"deviceId\":\"cgn-1\",\"insideIp\":"
                + "\"100.64.0.9\",\"publicIp\":\"192.0.2.9\",\"portStart\":1000,\"portEnd\":1999,\"occurredAt\":\""
                + now.minus(1, ChronoUnit.HOURS) + "\"}]}");
        m.put("IngestResource_sessions", "{\"records\":[{\"subscriberId\":\"sub-f\",\"sessionId\":\"s-f\",\"nasId\":\"n1\","
                + "\"assignedAddress\":\"100.64.0.8\",\"start\":\"" + now.minus(2, ChronoUnit.HOURS) + "\",\"end\":\""
                + now.minus(1, ChronoUnit.HOURS) + "\",\"mobileUserId\":\"+819012345678\",\"simId\":\"440101234567890\"}]}");
        m.put("IngestResource_cpEvents", "{\"records\":[{\"kind\":\"LOGIN\",\"eventId\":\"e-f\",\"accountId\":\"acct-f\","
                + "\"ip\":\"198.51.100.7\",\"sourcePort\":40000,\"occurredAt\":\"" + now.minus(1, ChronoUnit.HOURS) + "\","
                + "\"destinationIp\":\"192.0.2.80\",\"destinationPort\":443,\"smsVerifiedPhone\":\"+819012345678\","
                + "\"userManagementCode\":\"u-1\"}]}");
        m.put("RuleSetResource_create", "{\"name\":\"fuzz\",\"mechanism\":\"MAP_E\",\"validFrom\":\""
                + now.minus(30, ChronoUnit.DAYS) + "\",\"provenance\":\"OPERATOR_CONFIGURATION\",\"provenanceNote\":\"x\","
                + "\"mapERules\":[{\"ruleIpv6Prefix\":\"2001:db8::/31\",\"ruleIpv4Prefix\":\"198.18.0.0/15\","
                + "\"eaBitsLength\":25,\"psidOffset\":4,\"psidLength\":8}]}");
        m.put("LookupResource_ap", "{\"caseId\":\"" + uuid + "\",\"ip\":\"100.64.0.8\",\"port\":1000,\"instant\":\""
                + now.minus(90, ChronoUnit.MINUTES) + "\"}");
        m.put("LookupResource_apBulk", "{\"caseId\":\"" + uuid + "\",\"tuples\":[{\"ip\":\"100.64.0.8\",\"port\":1000,"
                + "\"instant\":\"" + now.minus(90, ChronoUnit.MINUTES) + "\"}]}");
        m.put("LookupResource_cp", "{\"caseId\":\"" + uuid + "\",\"postId\":\"post-1\"}");
        m.put("RadiusResource_accounting", "{\"Acct-Status-Type\":\"Start\",\"NAS-Identifier\":\"bras-f\",\"Acct-Session-Id\":"
                + "\"rf-1\",\"User-Name\":\"user-f\",\"Framed-IP-Address\":\"100.64.0.7\",\"Calling-Station-Id\":"
                + "\"819012345678\",\"3GPP-IMSI\":\"440101234567890\"}");
        String order = "{\"runId\":\"" + uuid + "\",\"planDigest\":\"d\",\"holdsRevision\":0,\"asOf\":\"" + now
                + "\",\"cutoffs\":[{\"category\":\"cp.login\",\"cutoff\":\"2000-01-02T00:00:00Z\"}]}";
        m.put("PurgeExecutionResource_execute", order);
        m.put("PurgePreviewResource_preview", order);
        return m;
    }

    private record Operation(ServiceName service, String path, String id) {
    }

    @Test
    void mutatedBodiesNeverGiveA5xxAndEvery4xxIsAProblemNamingTheFieldWithNothingStored() throws Exception {
        Map<String, String> seeds = seeds();
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThanOrEqualTo(19);
        Random random = new Random(SEED);
        List<String> findings = new ArrayList<>();
        int requests = 0;
        try (Connection db = DriverManager.getConnection(suite.jdbcUrl(), suite.user(), suite.password())) {
            for (Operation op : operations) {
                String seed = seeds.get(op.id());
                assertThat(seed).as("a valid body for " + op.id() + " (new operation: add its seed)").isNotNull();
                for (int i = 0; i < MUTATIONS; i++) {
                    Mutation m = mutate(JSON.readTree(seed), random);
                    long before = rows(db);
                    Response r = given().header("Authorization", "Bearer " + token).contentType("application/json")
                            .body(m.body()).when().post(suite.url(op.service()) + op.path().replaceAll("\\{[^}]+}",
                                    UUID.randomUUID().toString()));
                    requests++;
                    String where = op.id() + " [" + m.what() + "]: HTTP " + r.statusCode() + " " + abbreviate(r.asString());
                    if (r.statusCode() >= 500) {
                        findings.add("5xx " + where);
                        continue;
                    }
                    if (r.statusCode() >= 400) {
                        if (!String.valueOf(r.contentType()).startsWith("application/problem+json")) {
                            findings.add("not problem+json " + where);
                        }
                        if (r.statusCode() == 400 && m.field() != null && !r.asString().contains(m.field())) {
                            findings.add("field not named " + where);
                        }
                        long after = rows(db);
                        if (after != before) {
                            findings.add("stored on " + r.statusCode() + " (" + before + " → " + after + " rows) " + where);
                        }
                    }
                }
            }
        }
        System.out.printf("[fuzz] seed %d: %d operations, %d mutated requests, %d findings%n", SEED, operations.size(),
                requests, findings.size());
        findings.forEach(f -> System.out.println("[fuzz] " + f));
        assertThat(findings).as("seed " + SEED).isEmpty();
    }

    /** The POST operations with a JSON body, from the served OpenAPI documents of the three services. */
    private static List<Operation> operations() throws Exception {
        List<Operation> out = new ArrayList<>();
        for (ServiceName s : ServiceName.values()) {
            JsonNode doc = JSON.readTree(given().queryParam("format", "json").when().get(suite.url(s) + "/q/openapi").asString());
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> p = it.next();
                JsonNode post = p.getValue().path("post");
                if (post.path("requestBody").path("content").has("application/json")) {
                    out.add(new Operation(s, p.getKey(), post.path("operationId").asText()));
                }
            }
        }
        return out;
    }

    /** A mutated body: its bytes, what was done, and the field a 400 must name (null for whole-body damage). */
    private record Mutation(byte[] body, String what, String field) {
    }

    private static Mutation mutate(JsonNode root, Random random) throws Exception {
        int kind = random.nextInt(20);
        byte[] valid = JSON.writeValueAsBytes(root);
        switch (kind) {
            case 0:
                return new Mutation(concat(valid, " x".getBytes(StandardCharsets.UTF_8)), "trailing bytes", null);
            case 1:
                return new Mutation(concat(valid, valid), "two JSON values", null);
            case 2: {
                String s = new String(valid, StandardCharsets.UTF_8);
                int q = s.indexOf("\":\"");
                byte[] head = s.substring(0, q + 3).getBytes(StandardCharsets.UTF_8);
                byte[] tail = s.substring(q + 3).getBytes(StandardCharsets.UTF_8);
                return new Mutation(concat(concat(head, new byte[] {(byte) 0xC3, (byte) 0x28}), tail), "invalid UTF-8",
                        null);
            }
            case 3:
                return new Mutation(random.nextBoolean() ? "null".getBytes(StandardCharsets.UTF_8)
                        : "[]".getBytes(StandardCharsets.UTF_8), "null or array body", null);
            default:
                break;
        }
        List<String[]> leaves = new ArrayList<>();
        collect(root, "", leaves);
        String[] target = leaves.get(random.nextInt(leaves.size()));
        String path = target[0];
        String field = target[1];
        JsonNode replacement;
        String what;
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (kind % 12) {
            case 4 -> { replacement = f.textNode("a\u0000b"); what = "NUL"; }
            case 5 -> { replacement = f.textNode("x\u0001y"); what = "control character"; }
            case 6 -> { replacement = f.textNode("x".repeat(100_000)); what = "100 000 characters"; }
            case 7 -> { replacement = f.numberNode(12345); what = "number"; }
            case 8 -> { replacement = f.booleanNode(true); what = "boolean"; }
            case 9 -> { replacement = f.textNode(""); what = "empty string"; }
            case 10 -> { replacement = f.textNode(random.nextBoolean() ? "+999999999-01-01T00:00:00Z" : "0001-01-01T00:00:00Z");
                what = "impossible year"; }
            case 11 -> { ArrayNode a = f.arrayNode(); a.addNull(); replacement = a; what = "[null]"; }
            case 0 -> { replacement = f.objectNode(); what = "object"; }
            case 1 -> { replacement = null; what = "removed"; }
            case 2 -> { replacement = f.nullNode(); what = "null"; }
            default -> { replacement = f.textNode("2999-01-01T00:00:00Z"); what = "far future"; }
        }
        JsonNode copy = root.deepCopy();
        if (kind == 19) {
            ((ObjectNode) copy).put("unexpectedField", "x");
            return new Mutation(JSON.writeValueAsBytes(copy), "unknown field", "unexpectedField");
        }
        set(copy, path, replacement);
        return new Mutation(JSON.writeValueAsBytes(copy), what + " at " + path, field);
    }

    /** Every field and array element under {@code node}: [path, field name a reply should mention]. */
    private static void collect(JsonNode node, String path, List<String[]> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                out.add(new String[] {p, e.getKey()});
                collect(e.getValue(), p, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = path + "[" + i + "]";
                collect(node.get(i), p, out);
            }
        }
    }

    private static void set(JsonNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = step(node, parts[i]);
        }
        String last = parts[parts.length - 1];
        if (last.contains("[")) {
            JsonNode parent = step(node, last.substring(0, last.indexOf('[')));
            int index = Integer.parseInt(last.substring(last.indexOf('[') + 1, last.indexOf(']')));
            if (value == null) {
                ((ArrayNode) parent).remove(index);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        } else if (value == null) {
            ((ObjectNode) node).remove(last);
        } else {
            ((ObjectNode) node).set(last, value);
        }
    }

    private static JsonNode step(JsonNode node, String part) {
        if (part.contains("[")) {
            JsonNode array = node.get(part.substring(0, part.indexOf('[')));
            return array.get(Integer.parseInt(part.substring(part.indexOf('[') + 1, part.indexOf(']'))));
        }
        return node.get(part);
    }

    /** Rows in every table of the three schemas (partitioned tables counted once), audit tables excepted. */
    private static long rows(Connection db) throws Exception {
        StringBuilder sql = new StringBuilder();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("select format('%I.%I', n.nspname, c.relname)"
                + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname in ('policy', 'ingest',"
                + " 'purge') and c.relkind in ('r', 'p') and not c.relispartition and c.relname <> all (?::text[])"
                .replace("?::text[]", "array['" + String.join("','", NOT_COUNTED) + "']"))) {
            while (rs.next()) {
                sql.append(sql.length() == 0 ? "select " : " + ").append("(select count(*) from ").append(rs.getString(1))
                        .append(')');
            }
        }
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
