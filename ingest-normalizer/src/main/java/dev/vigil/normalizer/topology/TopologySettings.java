package dev.vigil.normalizer.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.vigil.normalizer.normalize.NormalizeSettings;
import dev.vigil.normalizer.normalize.SourceSpec;

/** Everything the topology is a function of: output topics, the sources, the normalization limits. */
public record TopologySettings(String requestEventsTopic, String deadLetterTopic, List<SourceSpec> sources,
        NormalizeSettings normalize) {

    public TopologySettings {
        sources = List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no sources configured: every built-in source is disabled");
        }
        Map<String, String> topics = new HashMap<>();
        for (SourceSpec s : sources) {
            String other = topics.put(s.topic(), s.name());
            if (other != null) {
                throw new IllegalArgumentException("sources '" + other + "' and '" + s.name() + "' read the same topic " + s.topic());
            }
        }
    }

    /** The contract's defaults: the built-in sources, request-events and ingest-dlq. */
    public static TopologySettings defaults() {
        return new TopologySettings("request-events", "ingest-dlq", SourceSpec.defaults(), NormalizeSettings.defaults());
    }

    public TopologySettings withNormalize(NormalizeSettings n) {
        return new TopologySettings(requestEventsTopic, deadLetterTopic, sources, n);
    }

    public Optional<SourceSpec> sourceByName(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
