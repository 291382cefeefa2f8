package hozon.suite;

import static hozon.suite.SuiteClient.monthsAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue #13 (operability), against the three running services: metrics that move on their own
 * (nobody calls a report endpoint), every metric the shipped alerts and dashboard query is
 * exported, one purge run is one trace across purge → policy → ingest with no identifier in
 * any span, JSON logs carry the trace, the served OpenAPI documents name their servers and lint
 * clean, and a client generated from them runs the README walk-through.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperabilityTest {

    private static final String SERVERS = "https://hozon.test.example";
    /** Every identifier this test sends: none may leave a service in a span. */
    private static final List<String> IDENTIFIERS = List.of("sub-ops-overdue-7781", "sub-walk-0001", "sub-walk-0002",
            "sub-trace-4242");

    private static OtlpCollector collector;
    private static Suite suite;
    private static SuiteClient client;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        collector = OtlpCollector.start();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", collector.url());
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        env.put("HOZON_PURGE_METRICS_INTERVAL", "1s");
        env.put("HOZON_INGEST_METRICS_INTERVAL", "1s");
        env.put("HOZON_POLICY_METRICS_INTERVAL", "1s");
        env.put("HOZON_OPENAPI_SERVERS", SERVERS);
        suite = SuiteFixture.start("operability", env);
        client = new SuiteClient(suite);
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    // ---------------------------------------------------------------- metrics

    @Test
    @Order(1)
    void metricsMoveWithoutAnyoneReadingAReport() throws Exception {
        client.createRule("ap.connection-auth", "P6M");
        Instant old = monthsAgo(8);
        client.as("feed").contentType(ContentType.JSON)
                .body("{\"records\":[{\"subscriberId\":\"sub-ops-overdue-7781\",\"sessionId\":\"OPS-1\",\"nasId\":\"bras-ops-1\","
                        + "\"assignedAddress\":\"100.64.77.1\",\"start\":\"" + old + "\",\"end\":\""
                        + old.plus(1, ChronoUnit.HOURS) + "\"}]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/ap/sessions").then().statusCode(200);
        // A refused batch and a refused look-up.
        client.as("feed").contentType(ContentType.JSON).body("{\"records\":[{\"sessionId\":\"OPS-2\"}]}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/ap/sessions").then().statusCode(400);
        client.as("alice", "legal-officer").contentType(ContentType.JSON)
                .body("{\"ip\":\"100.64.77.1\",\"instant\":\"" + old + "\"}")
                .when().post(suite.url(ServiceName.INGEST) + "/api/v1/lookups/ap").then().statusCode(400);
        String hold = client.placePreservation("sub-ops-other", old.minus(1, ChronoUnit.DAYS), old.minus(12, ChronoUnit.HOURS));

        // purge-service finds the overdue record on its own schedule.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String purge = scrape(ServiceName.PURGE);
            assertThat(value(purge, "hozon_records_overdue", Map.of("category", "ap.connection-auth"))).isEqualTo(1);
            assertThat(value(purge, "hozon_purge_lag_seconds", Map.of("category", "ap.connection-auth")))
                    .isGreaterThan(Duration.ofDays(30).toSeconds());
            assertThat(value(purge, "hozon_ledger_valid", Map.of())).isEqualTo(1);
        });
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String ingest = scrape(ServiceName.INGEST);
            assertThat(value(ingest, "hozon_ingest_records_total",
                    Map.of("feed", "ap-sessions", "category", "ap.connection-auth", "outcome", "stored"))).isEqualTo(1);
            assertThat(value(ingest, "hozon_ingest_records_total", Map.of("feed", "ap-sessions", "outcome", "refused")))
                    .isEqualTo(1);
            assertThat(value(ingest, "hozon_ingest_refusals_total", Map.of("feed", "ap-sessions", "reason", "invalid-records")))
                    .isEqualTo(1);
            assertThat(value(ingest, "hozon_ingest_stored_records", Map.of("category", "ap.connection-auth"))).isEqualTo(1);
            assertThat(value(ingest, "hozon_ingest_last_record_timestamp_seconds",
                    Map.of("feed", "ap-sessions", "device", "bras-ops-1")))
                    .isBetween(Instant.now().minusSeconds(120).getEpochSecond() * 1.0, Instant.now().getEpochSecond() + 1.0);
            assertThat(value(ingest, "hozon_lookups_total", Map.of("kind", "AP_ADDRESS", "outcome", "REFUSED",
                    "reason", "no-case"))).isEqualTo(1);
            assertThat(value(ingest, "hozon_lookup_duration_seconds_count", Map.of("kind", "AP_ADDRESS"))).isEqualTo(1);
            String policy = scrape(ServiceName.POLICY);
            assertThat(value(policy, "hozon_holds_in_force", Map.of("type", "PRESERVATION_REQUEST"))).isEqualTo(1);
            assertThat(value(policy, "hozon_hold_soonest_end_seconds", Map.of("type", "PRESERVATION_REQUEST")))
                    .isBetween(Duration.ofDays(28).toSeconds() * 1.0, Duration.ofDays(31).toSeconds() * 1.0);
            assertThat(value(policy, "hozon_holds_ending_soon", Map.of())).isZero();
        });

        assertThat(client.purge().getString("outcome")).isEqualTo("SUCCEEDED");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String purge = scrape(ServiceName.PURGE);
            assertThat(value(purge, "hozon_records_overdue", Map.of("category", "ap.connection-auth"))).isZero();
            assertThat(value(purge, "hozon_purge_runs_total", Map.of("outcome", "SUCCEEDED"))).isEqualTo(1);
            assertThat(value(purge, "hozon_purge_rows_removed_total", Map.of("category", "ap.connection-auth"))).isEqualTo(1);
            assertThat(value(purge, "hozon_purge_last_success_timestamp_seconds", Map.of()))
                    .isGreaterThan(Instant.now().minusSeconds(120).getEpochSecond());
            assertThat(value(scrape(ServiceName.INGEST), "hozon_ingest_stored_records",
                    Map.of("category", "ap.connection-auth"))).isZero();
        });
        client.withdraw(hold);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(value(scrape(ServiceName.POLICY), "hozon_holds_in_force", Map.of("type", "PRESERVATION_REQUEST")))
                        .isZero());
    }

    // ---------------------------------------------------------------- generated client walk-through

    @Test
    @Order(2)
    void aClientGeneratedFromTheDocumentsRunsTheReadmeWalkThrough() throws Exception {
        var policyClient = new hozon.client.policy.ApiClient();
        policyClient.updateBaseUri(suite.url(ServiceName.POLICY));
        policyClient.setRequestInterceptor(bearer("policy-admin"));
        var rule = new hozon.client.policy.api.RetentionRulesApi(policyClient).retentionRuleResourceCreate(
                new hozon.client.policy.model.NewRetentionRule().category("ap.connection-auth").period("P6M")
                        .justification("Billing disputes are raised within six months")
                        .effectiveFrom(OffsetDateTime.parse("2025-01-01T00:00:00+09:00")));
        assertThat(rule.getCategory()).isEqualTo("ap.connection-auth");
        Thread.sleep(1500); // purge-service's grace (PT1S in the tests) is measured on the clock

        var ingestFeed = new hozon.client.ingest.ApiClient();
        ingestFeed.updateBaseUri(suite.url(ServiceName.INGEST));
        ingestFeed.setRequestInterceptor(bearer("feed"));
        OffsetDateTime old = monthsAgo(8).atOffset(ZoneOffset.UTC);
        OffsetDateTime recent = monthsAgo(1).atOffset(ZoneOffset.UTC);
        var sessions = new hozon.client.ingest.model.ApSessions().records(List.of(
                new hozon.client.ingest.model.ApSessionRecord().subscriberId("sub-walk-0001").sessionId("A1").nasId("bras-1")
                        .assignedAddress("100.64.1.1").start(old),
                new hozon.client.ingest.model.ApSessionRecord().subscriberId("sub-walk-0002").sessionId("A2").nasId("bras-1")
                        .assignedAddress("100.64.1.2").start(recent)));
        var ingestApi = new hozon.client.ingest.api.IngestApi(ingestFeed);
        var first = ingestApi.ingestResourceSessions(sessions, null);
        assertThat(first.getStored()).isEqualTo(2);
        var again = ingestApi.ingestResourceSessions(sessions, null);
        assertThat(again.getStored()).isZero();
        assertThat(again.getDuplicates()).isEqualTo(2);

        var ingestAuditor = new hozon.client.ingest.ApiClient();
        ingestAuditor.updateBaseUri(suite.url(ServiceName.INGEST));
        ingestAuditor.setRequestInterceptor(bearer("auditor"));
        var stats = new hozon.client.ingest.api.StatisticsApi(ingestAuditor);
        String from = LocalDate.now(SuiteClient.JST).minusMonths(9).toString();
        LocalDate oldDay = LocalDate.ofInstant(old.toInstant(), SuiteClient.JST);
        assertThat(stats.statsResourceDailyCounts(from, null)).anySatisfy(c -> {
            assertThat(c.getDay()).isEqualTo(oldDay);
            assertThat(c.getCount()).isEqualTo(1);
        });

        var purgeOperator = new hozon.client.purge.ApiClient();
        purgeOperator.updateBaseUri(suite.url(ServiceName.PURGE));
        purgeOperator.setRequestInterceptor(bearer("purge-operator"));
        var runs = new hozon.client.purge.api.PurgeRunsApi(purgeOperator);
        var preview = runs.purgeRunResourcePreview();
        assertThat(preview.getCategories()).anySatisfy(c -> {
            assertThat(c.getCategory()).isEqualTo("ap.connection-auth");
            assertThat(c.getRowsDue()).isEqualTo(1);
        });
        var run = runs.purgeRunResourceTrigger();
        assertThat(run.getOutcome()).hasToString("SUCCEEDED");
        assertThat(run.getCategories()).anySatisfy(c -> {
            assertThat(c.getCategory()).isEqualTo("ap.connection-auth");
            // README step 5: "partitionsDropped":1, "rowsDeleted":1
            assertThat(c.getPartitionsDropped()).isEqualTo(1);
            assertThat(c.getRowsDeleted()).isEqualTo(1);
        });

        assertThat(stats.statsResourceDailyCounts(from, null)).noneSatisfy(c -> assertThat(c.getDay()).isEqualTo(oldDay));
        assertThat(stats.statsResourceRemovedVolumes(from, null)).anySatisfy(c -> assertThat(c.getDay()).isEqualTo(oldDay));
        var purgeAuditor = new hozon.client.purge.ApiClient();
        purgeAuditor.updateBaseUri(suite.url(ServiceName.PURGE));
        purgeAuditor.setRequestInterceptor(bearer("auditor"));
        var evidence = new hozon.client.purge.api.EvidenceApi(purgeAuditor);
        assertThat(evidence.complianceResourceVerify().getValid()).isTrue();
        assertThat(evidence.complianceResourceCompliance().getCategories()).anySatisfy(c -> {
            assertThat(c.getCategory()).isEqualTo("ap.connection-auth");
            assertThat(c.getRecordsOverdue()).isZero();
        });
        assertThat(runs.purgeRunResourceReceipt(run.getId()).getRunId()).isEqualTo(run.getId());

        // Refusals arrive as problem documents the generated model reads, extension members
        // at the top level: a preservation request longer than CCP Art. 197(3)'s 30 days.
        var officer = new hozon.client.policy.ApiClient();
        officer.updateBaseUri(suite.url(ServiceName.POLICY));
        officer.setRequestInterceptor(bearer("legal-officer"));
        var holds = new hozon.client.policy.api.LegalHoldsApi(officer);
        assertThatThrownBy(() -> holds.holdResourceCreate(policyClient.getObjectMapper().readValue(("{\"type\":\"PRESERVATION_REQUEST\",\"days\":31,"
                + "\"authority\":\"Osaka District Public Prosecutors Office\",\"officer\":\"Prosecutor Tanaka\","
                + "\"documentRef\":\"R8-保-78\",\"requestDate\":\"" + LocalDate.now(SuiteClient.JST) + "\",\"windowFrom\":\""
                + old.toInstant() + "\",\"windowTo\":\"" + recent.toInstant() + "\",\"categories\":[\"ap.connection-auth\"],"
                + "\"selectors\":[{\"kind\":\"SUBSCRIBER\",\"value\":\"sub-walk-0001\"}]}"),
                hozon.client.policy.model.NewHold.class)))
                .isInstanceOfSatisfying(hozon.client.policy.ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(400);
                    try {
                        var problem = policyClient.getObjectMapper().readValue(e.getResponseBody(),
                                hozon.client.policy.model.Problem.class);
                        assertThat(problem.getLimitDays()).isEqualTo(30);
                        assertThat(problem.getRequestedDays()).isEqualTo(31);
                        assertThat(problem.getRule()).contains("197");
                    } catch (IOException io) {
                        throw new AssertionError(io);
                    }
                });
        // Without a token: 401, also a problem document.
        var anonymous = new hozon.client.purge.ApiClient();
        anonymous.updateBaseUri(suite.url(ServiceName.PURGE));
        assertThatThrownBy(() -> new hozon.client.purge.api.PurgeRunsApi(anonymous).purgeRunResourceTrigger())
                .isInstanceOfSatisfying(hozon.client.purge.ApiException.class, e -> assertThat(e.getCode()).isEqualTo(401));
    }

    private static Consumer<java.net.http.HttpRequest.Builder> bearer(String role) {
        String token = suite.token(role + "-user", Duration.ofMinutes(30), role);
        return b -> b.header("Authorization", "Bearer " + token);
    }

    // ---------------------------------------------------------------- traces and logs

    @Test
    @Order(3)
    void onePurgeRunIsOneTraceAcrossPurgePolicyAndIngestAndItsLogsCarryIt() throws Exception {
        client.ingestSession("sub-trace-4242", monthsAgo(9));
        Instant before = Instant.now();
        String runId = client.purge().getString("id");

        List<OtlpCollector.ReceivedSpan> trace = Awaitility.await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300)).until(() -> {
                    OtlpCollector.ReceivedSpan root = collector.spans().stream()
                            .filter(s -> s.service().equals("purge-service") && s.parentSpanId() == null
                                    && s.name().contains("purge-runs")
                                    && s.span().getStartTimeUnixNano() >= TimeUnit.MILLISECONDS.toNanos(before.toEpochMilli()))
                            .findFirst().orElse(null);
                    return root == null ? List.<OtlpCollector.ReceivedSpan>of() : collector.trace(root.traceId());
                }, t -> t.stream().map(OtlpCollector.ReceivedSpan::service).collect(Collectors.toSet())
                        .containsAll(Set.of("purge-service", "policy-service", "ingest-service"))
                        && ingestCallsPolicy(t));

        assertThat(trace.stream().filter(s -> s.parentSpanId() == null)).as("one root: the purge request").hasSize(1);
        Set<String> ids = trace.stream().map(OtlpCollector.ReceivedSpan::spanId).collect(Collectors.toSet());
        assertThat(trace).filteredOn(s -> s.parentSpanId() != null)
                .allSatisfy(s -> assertThat(ids).as("parent of " + s.name() + " in the same trace").contains(s.parentSpanId()));
        assertThat(trace).filteredOn(s -> s.service().equals("ingest-service"))
                .anySatisfy(s -> assertThat(s.name()).contains("purge-executions"));
        assertThat(trace).filteredOn(s -> s.service().equals("policy-service"))
                .anySatisfy(s -> assertThat(s.name()).contains("purge-plan"));
        // Every hop carries the context: ingest-service's own call to policy-service (the holds
        // check before a deleting commit) is in the trace too, a child of an ingest-service span.
        assertThat(ingestCallsPolicy(trace)).isTrue();

        // JSON logs (prod profile) carry the trace: purge-service's line about this run.
        String traceId = trace.get(0).traceId();
        Path log = suite.logFile(ServiceName.PURGE);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<JsonNode> lines = jsonLines(log);
            assertThat(lines).anySatisfy(l -> {
                assertThat(l.path("message").asText()).contains(runId);
                assertThat(l.path("mdc").path("traceId").asText()).isEqualTo(traceId);
            });
        });
    }

    /** A policy-service span whose parent is an ingest-service span: the ingest → policy hop. */
    private static boolean ingestCallsPolicy(List<OtlpCollector.ReceivedSpan> trace) {
        Map<String, String> serviceOf = trace.stream()
                .collect(Collectors.toMap(OtlpCollector.ReceivedSpan::spanId, OtlpCollector.ReceivedSpan::service, (a, b) -> a));
        return trace.stream().anyMatch(s -> s.service().equals("policy-service") && s.parentSpanId() != null
                && "ingest-service".equals(serviceOf.get(s.parentSpanId())));
    }

    @Test
    @Order(4)
    void noIdentifierLeavesAServiceInASpanOrALogLine() throws Exception {
        String spans = collector.rawText();
        assertThat(collector.spans()).isNotEmpty();
        for (String id : IDENTIFIERS) {
            assertThat(spans).as("spans name " + id).doesNotContain(id);
            for (ServiceName s : ServiceName.values()) {
                assertThat(Files.readString(suite.logFile(s))).as(s + " log names " + id).doesNotContain(id);
            }
        }
        for (ServiceName s : ServiceName.values()) {
            assertThat(jsonLines(suite.logFile(s))).as(s + " logs JSON lines").isNotEmpty();
        }
    }

    // ---------------------------------------------------------------- alerts and dashboard vs. what is exported

    @Test
    @Order(5)
    void everyMetricTheAlertsAndTheDashboardQueryIsExportedByARunningService() throws Exception {
        Path monitoring = suite.root().resolve("deploy/k8s/base/monitoring");
        Set<String> queried = new TreeSet<>();
        Pattern name = Pattern.compile("\\b((?:hozon|agroal)_[a-z_]+)\\b");
        for (String file : List.of("prometheusrule.yaml", "hozon-dashboard.json")) {
            Matcher m = name.matcher(Files.readString(monitoring.resolve(file)));
            while (m.find()) {
                queried.add(m.group(1));
            }
        }
        assertThat(queried).hasSizeGreaterThan(20);
        Set<String> exported = new TreeSet<>();
        for (ServiceName s : ServiceName.values()) {
            scrape(s).lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.split("[{ ]", 2)[0]).forEach(exported::add);
        }
        assertThat(exported).containsAll(queried);
    }

    // ---------------------------------------------------------------- OpenAPI as served

    @Test
    @Order(6)
    void theServedDocumentsNameTheirServersDescribeEveryErrorAsAProblemAndLintClean() throws Exception {
        Path dir = suite.workDir().resolve("openapi");
        Files.createDirectories(dir);
        for (ServiceName s : ServiceName.values()) {
            String doc = RestAssured.given().accept("application/json").when().get(suite.url(s) + "/q/openapi")
                    .then().statusCode(200).extract().asString();
            JsonNode api = JSON.readTree(doc);
            assertThat(api.path("servers").get(0).path("url").asText()).isEqualTo(SERVERS);
            api.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
                    op.getValue().path("responses").fields().forEachRemaining(r -> {
                        if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                            assertThat(iterable(r.getValue().path("content").fieldNames()))
                                    .as(s + " " + op.getKey() + " " + path.getKey() + " " + r.getKey())
                                    .containsExactly("application/problem+json");
                        }
                    })));
            JsonNode problem = api.path("components").path("schemas").path("Problem");
            assertThat(problem.path("properties").has("extensions")).isFalse();
            assertThat(problem.path("properties").has("incident")).isTrue();
            Files.writeString(dir.resolve(s.module() + ".json"), doc);
        }
        Path tools = suite.root().resolve("tools/ci");
        if (!Files.exists(tools.resolve("node_modules/.bin/spectral"))) {
            run(tools, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        }
        for (ServiceName s : ServiceName.values()) {
            String out = run(tools, "npx", "spectral", "lint", dir.resolve(s.module() + ".json").toString(),
                    "--ruleset", ".spectral.yaml", "--fail-severity=warn");
            assertThat(out).contains("No results with a severity of 'warn' or higher found");
        }
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }

    private static List<JsonNode> jsonLines(Path log) throws IOException {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("{")) {
                try {
                    out.add(JSON.readTree(line));
                } catch (IOException notJson) {
                    // a line the JVM wrote outside the logger
                }
            }
        }
        return out;
    }

    private static String scrape(ServiceName s) {
        return RestAssured.given().when().get(suite.url(s) + "/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels}; 0 when none. */
    static double value(String scrape, String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : scrape.lines().toList()) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            String labelText = line.contains("{") ? line.substring(line.indexOf('{') + 1, line.lastIndexOf('}')) : "";
            boolean all = labels.entrySet().stream()
                    .allMatch(e -> labelText.contains(e.getKey() + "=\"" + e.getValue() + "\""));
            if (all) {
                // OpenMetrics: "name{labels} value [timestamp] [# {exemplar labels} value timestamp]"
                String sample = line.substring(line.contains("{") ? line.indexOf('}') + 1 : name.length()).strip();
                sum += Double.parseDouble(sample.split(" ")[0]);
            }
        }
        return sum;
    }
}
