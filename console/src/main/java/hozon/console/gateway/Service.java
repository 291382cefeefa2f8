package hozon.console.gateway;

/** The three services the console calls. */
public enum Service {
    POLICY, INGEST, PURGE
}
