package dev.vigil.normalizer.query;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.vigil.app.api.ProblemException;
import dev.vigil.avro.RequestEvent;
import dev.vigil.normalizer.normalize.Normalized;
import dev.vigil.normalizer.normalize.RecordNormalizer;
import dev.vigil.normalizer.normalize.SourceSpec;
import dev.vigil.normalizer.parse.Format;
import dev.vigil.normalizer.topology.TopologySettings;

/**
 * Normalizes a pasted sample exactly as the topology would (same normalizer, same source rules),
 * without Kafka: how a team checks a new source before pointing a shipper at it. The endpoint cap
 * and duplicate detection need history and are not applied.
 */
@ApplicationScoped
public class DryRun {

    private final RecordNormalizer normalizer;
    private final TopologySettings settings;

    public DryRun(RecordNormalizer normalizer, TopologySettings settings) {
        this.normalizer = normalizer;
        this.settings = settings;
    }

    /** The result of a dry run: one item per line or span. */
    public record Result(String source, String format, int events, int deadLetters, int skipped, List<Item> items) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(Integer index, String result, Event event, String reason, String message) {
    }

    /** A RequestEvent as JSON (timestamps ISO-8601). */
    public record Event(String timestamp, String service, String endpoint, String method, String region, Integer statusCode,
            Integer grpcStatus, String outcome, Double latencyMs, Long responseBytes, String protocol, String requestId,
            String sourceFormat, String sourceTopic) {

        static Event of(RequestEvent e) {
            return new Event(e.getTimestamp().toString(), e.getService(), e.getEndpoint(), e.getMethod(), e.getRegion(),
                    e.getStatusCode(), e.getGrpcStatus(), e.getOutcome().name(), e.getLatencyMs(), e.getResponseBytes(),
                    e.getProtocol(), e.getRequestId(), e.getSourceFormat(), e.getSourceTopic());
        }
    }

    /**
     * {@code format} and/or {@code source}: with a source, its topic, rules and default service apply
     * (and its format unless {@code format} says otherwise); with a format only, the first configured
     * source of that format lends its rules.
     */
    public Result run(String formatName, String sourceName, byte[] sample) {
        if (sample == null || sample.length == 0) {
            throw ProblemException.badRequest("the request body is empty: paste one or more log lines, or a record");
        }
        SourceSpec source = null;
        if (sourceName != null && !sourceName.isBlank()) {
            source = settings.sourceByName(sourceName).orElseThrow(() -> ProblemException.badRequest("unknown source '" + sourceName
                    + "'; configured sources: " + String.join(", ", settings.sources().stream().map(SourceSpec::name).toList())));
        }
        Format format;
        if (formatName != null && !formatName.isBlank()) {
            try {
                format = Format.of(formatName);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(e.getMessage());
            }
        } else if (source != null) {
            format = source.format();
        } else {
            throw ProblemException.badRequest("query parameter 'format' (one of " + String.join(", ", Format.ids())
                    + ") or 'source' is required");
        }
        if (source == null) {
            Format f = format;
            source = settings.sources().stream().filter(s -> s.format() == f).findFirst()
                    .orElse(new SourceSpec(f.id(), "dry-run", f, null, List.of()));
        } else if (source.format() != format) {
            source = new SourceSpec(source.name(), source.topic(), format, source.defaultService(), source.rules());
        }
        List<Normalized> normalized = normalizer.normalize(source, sample, System.currentTimeMillis());
        List<Item> items = new ArrayList<>();
        int events = 0;
        int deadLetters = 0;
        int skipped = 0;
        for (Normalized n : normalized) {
            if (n instanceof Normalized.Event e) {
                events++;
                items.add(new Item(n.itemIndex(), "event", Event.of(e.event()), null, null));
            } else if (n instanceof Normalized.Rejected r) {
                deadLetters++;
                items.add(new Item(n.itemIndex(), "dead_letter", null, r.reason().name(), r.message()));
            } else if (n instanceof Normalized.Skipped s) {
                skipped++;
                items.add(new Item(n.itemIndex(), "skipped", null, null, s.why()));
            }
        }
        return new Result(source.name(), format.id(), events, deadLetters, skipped, items);
    }
}
