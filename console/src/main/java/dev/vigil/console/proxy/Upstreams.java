package dev.vigil.console.proxy;

/** The two apps the console reads. */
public record Upstreams(Upstream aggregator, Upstream alerting) {
}
