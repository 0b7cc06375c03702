package dev.vigil.normalizer.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.vigil.normalizer.normalize.NormalizeSettings;
import dev.vigil.normalizer.normalize.RecordNormalizer;
import dev.vigil.normalizer.normalize.ServiceRule;
import dev.vigil.normalizer.normalize.SourceSpec;
import dev.vigil.normalizer.parse.Format;
import dev.vigil.normalizer.topology.TopologySettings;

/** Turns the {@code vigil.*} configuration into the plain settings the topology and the dry run use. */
public class SettingsProducer {

    @Produces
    @Singleton
    TopologySettings settings(NormalizerConfig config) {
        return from(config);
    }

    @Produces
    @Singleton
    RecordNormalizer normalizer(TopologySettings settings) {
        return new RecordNormalizer(settings.normalize());
    }

    /** Built-in sources, overridden field by field (or removed, or added) by {@code vigil.sources.<name>.*}. */
    static TopologySettings from(NormalizerConfig config) {
        Map<String, SourceSpec> sources = new LinkedHashMap<>();
        SourceSpec.defaults().forEach(s -> sources.put(s.name(), s));
        config.sources().forEach((name, o) -> {
            SourceSpec base = sources.get(name);
            if (!o.enabled()) {
                sources.remove(name);
                return;
            }
            String topic = o.topic().orElse(base == null ? null : base.topic());
            String format = o.format().orElse(base == null ? null : base.format().id());
            if (topic == null || format == null) {
                throw new IllegalArgumentException("source '" + name + "' is not built in: vigil.sources." + name
                        + ".topic and .format are required");
            }
            String defaultService = o.defaultService().orElse(base == null ? null : base.defaultService());
            if ("-".equals(defaultService)) {
                defaultService = null;
            }
            List<ServiceRule> rules = o.rules().map(list -> {
                List<ServiceRule> r = new ArrayList<>();
                for (NormalizerConfig.Rule rule : list) {
                    r.add(ServiceRule.of(rule.field(), rule.regex(), rule.service(), rule.region().orElse(null)));
                }
                return r;
            }).orElse(base == null ? List.of() : base.rules());
            sources.put(name, new SourceSpec(name, topic, Format.of(format), defaultService, rules));
        });
        NormalizerConfig.Normalize n = config.normalize();
        NormalizeSettings normalize = new NormalizeSettings(n.maxRecordBytes(), n.maxEndpointsPerService(), n.maxFuture(),
                n.maxAge(), n.availabilityErrorStatuses().orElse(Set.of()), config.dedup().window());
        return new TopologySettings(config.topics().requestEvents(), config.topics().deadLetters(), List.copyOf(sources.values()),
                normalize);
    }
}
