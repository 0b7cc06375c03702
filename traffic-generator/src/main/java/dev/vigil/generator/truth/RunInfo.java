package dev.vigil.generator.truth;

import java.time.Instant;
import java.util.List;

/** The first line of a ground-truth file: how the run was made and which services it simulated. */
public record RunInfo(String mode, long seed, Instant start, double ratePerSecond, Long count, Long durationMillis,
        List<ServiceInfo> services) {

    public RunInfo {
        services = List.copyOf(services);
    }

    /** A service, its raw format and topic, its regions and its templated endpoints. */
    public record ServiceInfo(String service, String format, String topic, List<String> regions, List<String> endpoints) {

        public ServiceInfo {
            regions = List.copyOf(regions);
            endpoints = List.copyOf(endpoints);
        }
    }
}
