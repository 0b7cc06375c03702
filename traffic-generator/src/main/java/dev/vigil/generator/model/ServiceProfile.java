package dev.vigil.generator.model;

import java.util.List;
import java.util.Objects;

/**
 * One simulated service: its name, the raw format its traffic is reported in, its share of the total
 * rate ({@code weight}), the regions that serve it, its endpoints, its latency and its status mix.
 */
public record ServiceProfile(String name, RawFormat format, double weight, List<String> regions,
        List<EndpointSpec> endpoints, LatencyModel latency, StatusMix statuses) {

    public ServiceProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("service names are lowercase DNS labels: " + name);
        }
        if (weight <= 0 || regions.isEmpty() || endpoints.isEmpty()) {
            throw new IllegalArgumentException("service " + name + " needs a positive weight, regions and endpoints");
        }
        regions = List.copyOf(regions);
        endpoints = List.copyOf(endpoints);
    }

    public ServiceProfile withFormat(RawFormat other) {
        return new ServiceProfile(name, other, weight, regions, endpoints, latency, statuses);
    }
}
