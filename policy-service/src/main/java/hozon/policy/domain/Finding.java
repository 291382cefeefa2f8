package hozon.policy.domain;

/**
 * A Guideline observation about a retention rule. {@code code} is stable; {@code message}
 * cites the Guideline (電気通信事業における個人情報等の保護に関するガイドライン, Art. 38 as revised).
 */
public record Finding(String code, Severity severity, String message) {

    public enum Severity {
        INFO,
        WARNING
    }
}
