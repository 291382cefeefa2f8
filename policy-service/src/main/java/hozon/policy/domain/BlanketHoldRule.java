package hozon.policy.domain;

import hozon.net.IpAddresses;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * R5 and Guideline Art. 38: a hold keeps only the logs its legal reason names. A hold without
 * a category or a selector, over a window wider than the operator allows, or on an address
 * prefix wider than the operator allows is a blanket hold, and refused; so is a selector that
 * is not what it claims (an address that is no address, a port range without an address).
 */
final class BlanketHoldRule {

    private BlanketHoldRule() {
    }

    static void check(HoldDraft d, Set<String> knownCategories, HoldRules.Limits limits, List<Refusal> out) {
        if (d.categories() == null || d.categories().isEmpty()) {
            out.add(Refusal.of("blanket-hold", "categories", HoldRules.R5, "a hold names at least one category"));
        } else {
            for (String c : d.categories()) {
                if (!knownCategories.contains(c)) {
                    out.add(Refusal.of("unknown-category", "categories", HoldRules.R5, "no log category '" + c + "' is registered"));
                }
            }
        }
        if (d.selectors() == null || d.selectors().isEmpty()) {
            out.add(Refusal.of("blanket-hold", "selectors", HoldRules.R5,
                    "a hold names at least one subscriber, account, post, session or address: blanket holds are refused"));
        } else {
            for (int i = 0; i < d.selectors().size(); i++) {
                checkSelector(d.selectors().get(i), "selectors[" + i + "]", limits, out);
            }
        }
        if (d.windowFrom() == null || d.windowTo() == null) {
            out.add(Refusal.of("invalid-hold", d.windowFrom() == null ? "windowFrom" : "windowTo", HoldRules.R5,
                    "a hold covers a time window of events: windowFrom and windowTo are required"));
        } else if (!d.windowTo().isAfter(d.windowFrom())) {
            out.add(Refusal.of("invalid-window", "windowTo", HoldRules.R5, "windowTo must be after windowFrom"));
        } else if (Duration.between(d.windowFrom(), d.windowTo()).compareTo(limits.maxWindow()) > 0) {
            long days = Duration.between(d.windowFrom(), d.windowTo()).toDays();
            out.add(Refusal.of("blanket-hold", "windowTo", HoldRules.R5, "the window spans " + days + " days; at most "
                            + limits.maxWindow().toDays() + " are allowed: blanket holds are refused")
                    .with("limitDays", limits.maxWindow().toDays()).with("requestedDays", days));
        }
    }

    private static void checkSelector(HoldSelector s, String field, HoldRules.Limits limits, List<Refusal> out) {
        if (s == null || s.kind == null || s.value == null || s.value.isBlank()) {
            out.add(Refusal.of("invalid-selector", field, HoldRules.R5, "a selector has a kind and a value"));
            return;
        }
        if (s.value.length() > 256) {
            out.add(Refusal.of("invalid-selector", field + ".value", HoldRules.R5, "at most 256 characters"));
        }
        boolean hasPorts = s.portStart != null || s.portEnd != null;
        if (s.kind != SelectorKind.IP) {
            if (hasPorts) {
                out.add(Refusal.of("invalid-selector", field + ".portStart", HoldRules.R5, "a port range belongs to an IP selector"));
            }
            return;
        }
        String err = IpAddresses.addressOrPrefixError(s.value);
        if (err != null) {
            out.add(Refusal.of("invalid-selector", field + ".value", HoldRules.R5, err));
            return;
        }
        int slash = s.value.indexOf('/');
        if (slash > 0) {
            int len = Integer.parseInt(s.value.substring(slash + 1));
            boolean v4 = IpAddresses.isIpv4(s.value.substring(0, slash));
            int min = v4 ? limits.minIpv4Prefix() : limits.minIpv6Prefix();
            if (len < min) {
                out.add(Refusal.of("blanket-hold", field + ".value", HoldRules.R5, "prefix /" + len + " is wider than the allowed /"
                        + min + ": blanket holds are refused").with("minPrefixLength", min));
            }
        }
        if (hasPorts) {
            if (s.portStart == null || s.portEnd == null) {
                out.add(Refusal.of("invalid-selector", field + ".portEnd", HoldRules.R5, "portStart and portEnd come together"));
            } else if (s.portStart < 0 || s.portEnd > 65535 || s.portEnd < s.portStart) {
                out.add(Refusal.of("invalid-selector", field + ".portEnd", HoldRules.R5, "ports must satisfy 0 ≤ portStart ≤ portEnd ≤ 65535"));
            }
        }
    }

}
