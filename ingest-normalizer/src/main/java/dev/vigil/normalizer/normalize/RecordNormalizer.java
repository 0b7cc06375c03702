package dev.vigil.normalizer.normalize;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.avro.DeadLetterReason;
import dev.vigil.avro.RequestEvent;
import dev.vigil.normalizer.parse.Parsed;
import dev.vigil.normalizer.parse.Parsers;
import dev.vigil.normalizer.parse.RawRequest;

/**
 * One raw record of a source to the fate of each of its items: size check, parse, service rules,
 * endpoint template, classification, timestamp checks. Client IPs, user agents, user names and
 * query strings are never read into the event. Plain Java, no Kafka.
 */
public final class RecordNormalizer {

    static final int MAX_SERVICE_LENGTH = 128;
    static final int MAX_REGION_LENGTH = 64;
    static final int MAX_REQUEST_ID_LENGTH = 128;

    private final NormalizeSettings settings;
    private final Classifier classifier;
    private final Parsers parsers = new Parsers();

    public RecordNormalizer(NormalizeSettings settings) {
        this.settings = settings;
        this.classifier = new Classifier(settings.availabilityErrorStatuses());
    }

    /**
     * Never throws: a bug met by some input becomes a dead letter with reason OTHER instead of a
     * stream thread dying on the same record again and again (a stuck partition).
     */
    public List<Normalized> normalize(SourceSpec source, byte[] value, long nowMs) {
        try {
            return normalizeOrThrow(source, value, nowMs);
        } catch (RuntimeException e) {
            return List.of(new Normalized.Rejected(null, DeadLetterReason.OTHER, "unexpected error while normalizing: " + e, null));
        }
    }

    private List<Normalized> normalizeOrThrow(SourceSpec source, byte[] value, long nowMs) {
        if (value != null && value.length > settings.maxRecordBytes()) {
            return List.of(new Normalized.Rejected(null, DeadLetterReason.OVERSIZED,
                    "record of " + value.length + " bytes is over the limit of " + settings.maxRecordBytes() + " bytes", null));
        }
        List<Parsed> parsed = parsers.parse(source.format(), value);
        List<Normalized> out = new ArrayList<>(parsed.size());
        for (Parsed p : parsed) {
            if (p instanceof Parsed.Request r) {
                out.add(event(source, r, nowMs));
            } else if (p instanceof Parsed.Failure f) {
                out.add(new Normalized.Rejected(f.itemIndex(), f.reason(), f.message(), f.raw()));
            } else if (p instanceof Parsed.Skipped s) {
                out.add(new Normalized.Skipped(s.itemIndex(), s.why()));
            }
        }
        return out;
    }

    private Normalized event(SourceSpec source, Parsed.Request parsed, long nowMs) {
        RawRequest q = parsed.request();
        Integer index = parsed.itemIndex();
        String service = null;
        String region = null;
        for (ServiceRule rule : source.rules()) {
            ServiceRule.Match m = rule.apply(q);
            if (m != null) {
                service = m.service();
                region = m.region();
                break;
            }
        }
        if (service == null) {
            service = q.serviceName();
        }
        if (service == null) {
            service = source.defaultService();
        }
        if (service == null) {
            return rejected(index, DeadLetterReason.MISSING_FIELD, "no service: the record names none, no rule of source '"
                    + source.name() + "' matched, and the source has no default service");
        }
        if (!printable(service, MAX_SERVICE_LENGTH)) {
            return rejected(index, DeadLetterReason.INVALID_VALUE, "service name is empty, too long or has spaces/control characters");
        }
        if (region == null) {
            region = q.region();
        }
        if (region != null && !printable(region, MAX_REGION_LENGTH)) {
            return rejected(index, DeadLetterReason.INVALID_VALUE, "region is too long or has spaces/control characters");
        }
        long ts = q.timestampMs();
        if (ts > nowMs + settings.maxFuture().toMillis()) {
            return rejected(index, DeadLetterReason.FUTURE_TIMESTAMP, "timestamp " + Instant.ofEpochMilli(ts) + " is "
                    + (ts - nowMs) / 1000 + " s ahead of now (limit " + settings.maxFuture().toSeconds() + " s)");
        }
        if (ts < nowMs - settings.maxAge().toMillis()) {
            return rejected(index, DeadLetterReason.TOO_OLD, "timestamp " + Instant.ofEpochMilli(ts) + " is older than the horizon of "
                    + settings.maxAge().toHours() + " h");
        }
        Double latency = q.latencyMs();
        if (latency != null && (latency.isNaN() || latency.isInfinite() || latency < 0)) {
            return rejected(index, DeadLetterReason.INVALID_VALUE, "latency is not a non-negative number");
        }
        String method = q.method();
        String path = q.route() != null ? q.route() : q.target();
        if (q.route() != null) {
            // OTLP span names and canonical endpoints may read "GET /carts/{id}".
            int sp = path.indexOf(' ');
            if (sp > 0 && path.charAt(0) != '/' && isMethod(path, sp)) {
                if (method == null) {
                    method = path.substring(0, sp).toUpperCase(java.util.Locale.ROOT);
                }
                path = path.substring(sp + 1).trim();
            }
        }
        String requestId = q.requestId();
        if (requestId != null && requestId.length() > MAX_REQUEST_ID_LENGTH) {
            requestId = requestId.substring(0, MAX_REQUEST_ID_LENGTH);
        }
        RequestEvent event = RequestEvent.newBuilder()
                .setTimestamp(Instant.ofEpochMilli(ts))
                .setService(service)
                .setEndpoint(Endpoints.endpoint(method, path))
                .setMethod(method)
                .setRegion(region)
                .setStatusCode(q.status())
                .setGrpcStatus(q.grpcStatus())
                .setOutcome(classifier.classify(q.status(), q.grpcStatus(), q.serverFailed()))
                .setLatencyMs(latency)
                .setResponseBytes(q.responseBytes())
                .setProtocol(q.protocol())
                .setRequestId(requestId)
                .setSourceFormat(parsed.format().id())
                .setSourceTopic(source.topic())
                .build();
        return new Normalized.Event(index, event);
    }

    private static Normalized rejected(Integer index, DeadLetterReason reason, String message) {
        return new Normalized.Rejected(index, reason, message, null);
    }

    private static boolean isMethod(String s, int end) {
        if (end > 20) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static boolean printable(String s, int maxLength) {
        if (s.isEmpty() || s.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
