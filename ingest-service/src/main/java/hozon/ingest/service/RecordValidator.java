package hozon.ingest.service;

import hozon.ingest.config.IngestConfig;
import hozon.net.IpAddresses;
import hozon.ingest.domain.ApSessionRecord;
import hozon.ingest.domain.CpEventKind;
import hozon.ingest.domain.CpEventRecord;
import hozon.ingest.domain.PortBlockEventRecord;
import hozon.problem.Problem;
import hozon.problem.Problem.FieldError;
import hozon.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks every record of a batch and reports all problems at once, each with the record's
 * index, the field and the reason. Nothing is stored from a batch with any error.
 */
@ApplicationScoped
public class RecordValidator {

    private static final int MAX_ID_LENGTH = 256;
    /** E.164: '+', a country code not starting with 0, at most 15 digits in all (ITU-T E.164 §6). */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    /** An IMSI (at most 15 digits, ITU-T E.212) or an ICCID (at most 22 digits, ITU-T E.118). */
    private static final Pattern SIM_ID = Pattern.compile("[0-9]{6,22}");

    @Inject
    IngestConfig config;

    @Inject
    Clock clock;

    public void checkSessions(List<ApSessionRecord> records) {
        checkSize(records.size());
        throwIfAny(sessionErrors(records));
    }

    public void checkCpEvents(List<CpEventRecord> records) {
        checkSize(records.size());
        throwIfAny(cpErrors(records));
    }

    public void checkPortBlocks(List<PortBlockEventRecord> records) {
        checkSize(records.size());
        throwIfAny(portBlockErrors(records));
    }

    /** Every problem of every record, indexed by position in {@code records}. */
    public List<FieldError> sessionErrors(List<ApSessionRecord> records) {
        Instant latest = clock.instant().plus(config.maxFutureSkew());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ApSessionRecord r = records.get(i);
            if (r == null) {
                errors.add(new FieldError(i, "(record)", "must be an object"));
                continue;
            }
            requireId(errors, i, "subscriberId", r.subscriberId());
            requireId(errors, i, "sessionId", r.sessionId());
            optionalId(errors, i, "nasId", r.nasId());
            String addr = IpAddresses.addressOrPrefixError(r.assignedAddress());
            if (addr != null) {
                errors.add(new FieldError(i, "assignedAddress", addr));
            }
            if (r.publicIp() != null && !IpAddresses.isIpv4(r.publicIp())) {
                errors.add(new FieldError(i, "publicIp", "'" + r.publicIp() + "' is not an IPv4 address"));
            }
            boolean hasStart = r.publicPortStart() != null;
            boolean hasEnd = r.publicPortEnd() != null;
            if (hasStart != hasEnd) {
                errors.add(new FieldError(i, hasStart ? "publicPortEnd" : "publicPortStart",
                        "publicPortStart and publicPortEnd come together"));
            } else if (hasStart) {
                if (r.publicIp() == null) {
                    errors.add(new FieldError(i, "publicIp", "is required with a public port range"));
                }
                port(errors, i, "publicPortStart", r.publicPortStart());
                port(errors, i, "publicPortEnd", r.publicPortEnd());
                if (r.publicPortEnd() < r.publicPortStart()) {
                    errors.add(new FieldError(i, "publicPortEnd", "must not be below publicPortStart"));
                }
            }
            interval(errors, i, "start", r.start(), "end", r.end(), latest);
            optionalId(errors, i, "mobileUserId", r.mobileUserId());
            if (r.simId() != null && !SIM_ID.matcher(r.simId()).matches()) {
                errors.add(new FieldError(i, "simId", "must be 6 to 22 digits (an IMSI or ICCID)"));
            }
        }
        return errors;
    }

    public List<FieldError> cpErrors(List<CpEventRecord> records) {
        Instant latest = clock.instant().plus(config.maxFutureSkew());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            CpEventRecord r = records.get(i);
            if (r == null) {
                errors.add(new FieldError(i, "(record)", "must be an object"));
                continue;
            }
            if (r.kind() == null) {
                errors.add(new FieldError(i, "kind", "is required"));
            }
            requireId(errors, i, "eventId", r.eventId());
            requireId(errors, i, "accountId", r.accountId());
            if (r.ip() != null && IpAddresses.parseAddress(r.ip()) == null) {
                errors.add(new FieldError(i, "ip", "'" + r.ip() + "' is not an IPv4 or IPv6 address"));
            }
            if (r.sourcePort() != null) {
                port(errors, i, "sourcePort", r.sourcePort());
                if (r.ip() == null) {
                    errors.add(new FieldError(i, "ip", "is required with a source port"));
                }
            }
            interval(errors, i, "occurredAt", r.occurredAt(), null, null, latest);
            senderItems(errors, i, r);
        }
        return errors;
    }

    /** The optional sender-information items of a CP event (Enforcement Regulation Art. 2; issue #20). */
    private static void senderItems(List<FieldError> errors, int i, CpEventRecord r) {
        if (r.destinationIp() != null && IpAddresses.parseAddress(r.destinationIp()) == null) {
            errors.add(new FieldError(i, "destinationIp", "'" + r.destinationIp() + "' is not an IPv4 or IPv6 address"));
        }
        if (r.destinationPort() != null) {
            port(errors, i, "destinationPort", r.destinationPort());
            if (r.destinationIp() == null) {
                errors.add(new FieldError(i, "destinationIp", "is required with a destination port"));
            }
        }
        if (r.smsVerifiedPhone() != null) {
            // The value is identifying: the error names the rule, never echoes the number.
            if (!E164.matcher(r.smsVerifiedPhone()).matches()) {
                errors.add(new FieldError(i, "smsVerifiedPhone", "must be an E.164 number: '+', country code, 7 to 15"
                        + " digits in all"));
            } else if (r.kind() != null && r.kind() != CpEventKind.ACCOUNT_CREATED && r.kind() != CpEventKind.LOGIN) {
                errors.add(new FieldError(i, "smsVerifiedPhone", "is recorded on ACCOUNT_CREATED and LOGIN events only"));
            }
        }
        optionalId(errors, i, "userManagementCode", r.userManagementCode());
    }

    public List<FieldError> portBlockErrors(List<PortBlockEventRecord> records) {
        Instant latest = clock.instant().plus(config.maxFutureSkew());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            PortBlockEventRecord r = records.get(i);
            if (r == null) {
                errors.add(new FieldError(i, "(record)", "must be an object"));
                continue;
            }
            if (r.event() == null) {
                errors.add(new FieldError(i, "event", "must be allocate or release"));
            }
            optionalId(errors, i, "deviceId", r.deviceId());
            if (r.insideIp() == null || IpAddresses.parseAddress(r.insideIp()) == null) {
                errors.add(new FieldError(i, "insideIp", r.insideIp() == null ? "is required"
                        : "'" + r.insideIp() + "' is not an IPv4 or IPv6 address"));
            }
            if (r.publicIp() == null || !IpAddresses.isIpv4(r.publicIp())) {
                errors.add(new FieldError(i, "publicIp", r.publicIp() == null ? "is required"
                        : "'" + r.publicIp() + "' is not an IPv4 address"));
            }
            if (r.portStart() == null || r.portEnd() == null) {
                errors.add(new FieldError(i, r.portStart() == null ? "portStart" : "portEnd", "is required"));
            } else {
                port(errors, i, "portStart", r.portStart());
                port(errors, i, "portEnd", r.portEnd());
                if (r.portEnd() < r.portStart()) {
                    errors.add(new FieldError(i, "portEnd", "must not be below portStart"));
                }
            }
            interval(errors, i, "occurredAt", r.occurredAt(), null, null, latest);
        }
        return errors;
    }

    private void checkSize(int size) {
        if (size > config.maxBatchRecords()) {
            throw new ProblemException(new Problem("batch-too-large", "Batch too large", 413,
                    "A batch may carry at most " + config.maxBatchRecords() + " records (got " + size + "); split it")
                    .with("maxRecords", config.maxBatchRecords()).with("records", size));
        }
    }

    private static void requireId(List<FieldError> errors, int i, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(i, field, "is required"));
        } else {
            optionalId(errors, i, field, value);
        }
    }

    static void optionalId(List<FieldError> errors, int i, String field, String value) {
        if (value != null && value.length() > MAX_ID_LENGTH) {
            errors.add(new FieldError(i, field, "must be at most " + MAX_ID_LENGTH + " characters"));
        } else if (value != null && value.indexOf('\u0000') >= 0) {
            errors.add(new FieldError(i, field, "must not contain NUL characters"));
        }
    }

    static void port(List<FieldError> errors, int i, String field, int port) {
        if (port < 0 || port > 65535) {
            errors.add(new FieldError(i, field, "must be 0..65535"));
        }
    }

    private static void interval(List<FieldError> errors, int i, String startField, OffsetDateTime start,
            String endField, OffsetDateTime end, Instant latest) {
        if (start == null) {
            errors.add(new FieldError(i, startField, "is required"));
            return;
        }
        if (start.toInstant().isAfter(latest)) {
            errors.add(new FieldError(i, startField, "lies in the future beyond the allowed clock skew"));
        }
        if (end != null && end.toInstant().isBefore(start.toInstant())) {
            errors.add(new FieldError(i, endField, "must not be before " + startField));
        }
        if (end != null && end.toInstant().isAfter(latest)) {
            // An interval cannot have ended yet in the future: a session "ending in 2999" would
            // claim the address for centuries of look-ups.
            errors.add(new FieldError(i, endField, "lies in the future beyond the allowed clock skew"));
        }
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(new Problem("invalid-records", "Invalid records", 400,
                    errors.size() + " problem(s) in the batch; nothing was stored").withErrors(errors));
        }
    }
}
