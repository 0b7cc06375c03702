package dev.vigil.console.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.vigil.console.proxy.Upstream;
import dev.vigil.console.proxy.UpstreamProxy;
import dev.vigil.console.proxy.Upstreams;

/** Builds the plain-Java proxy pieces from configuration, once. */
public class ConsoleBeans {

    @Produces
    @Singleton
    Upstreams upstreams(ConsoleConfig config) {
        return new Upstreams(new Upstream("sli-aggregator", config.aggregatorUrl()), new Upstream("alerting", config.alertingUrl()));
    }

    @Produces
    @Singleton
    UpstreamProxy proxy(ConsoleConfig config) {
        return new UpstreamProxy(config.connectTimeout(), config.upstreamTimeout());
    }
}
