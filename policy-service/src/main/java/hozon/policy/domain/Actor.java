package hozon.policy.domain;

/** Who keeps a category of logs: an access provider or a content provider. */
public enum Actor {
    AP,
    CP
}
