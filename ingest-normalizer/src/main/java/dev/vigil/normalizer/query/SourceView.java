package dev.vigil.normalizer.query;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A configured source with its conservation counters (summed over every instance unless asked for one). */
public record SourceView(String name, String topic, String format, String defaultService, List<Rule> rules, Counters counters) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(String field, String regex, String service, String region) {
    }

    /**
     * {@code in = out + deadLetters + duplicates + skipped + inFlight}; {@code inFlight} are events
     * between the two stages (in the repartition topic), 0 once the input is drained.
     */
    public record Counters(long records, long in, long out, long deadLetters, Map<String, Long> deadLettersByReason,
            long duplicates, long skipped, long endpointsCapped, long inFlight) {
    }
}
