package hozon.suite;

/** The three services, their Maven modules and default ports (kept off 8080 on purpose). */
public enum ServiceName {
    POLICY("policy-service", 8181),
    INGEST("ingest-service", 8182),
    PURGE("purge-service", 8183);

    private final String module;
    private final int defaultPort;

    ServiceName(String module, int defaultPort) {
        this.module = module;
        this.defaultPort = defaultPort;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
