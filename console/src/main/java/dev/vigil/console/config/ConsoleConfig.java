package dev.vigil.console.config;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the console reads from configuration ({@code vigil.console.*}). */
@ConfigMapping(prefix = "vigil.console")
public interface ConsoleConfig {

    /** Base URL of an sli-aggregator instance; {@code /api/aggregator/**} is forwarded to its {@code /api/**}. */
    @WithDefault("http://127.0.0.1:8081")
    URI aggregatorUrl();

    /** Base URL of an alerting instance; {@code /api/alerting/**} is forwarded to its {@code /api/**}. */
    @WithDefault("http://127.0.0.1:8082")
    URI alertingUrl();

    /** How long to wait for an upstream's whole answer before answering 504. */
    @WithDefault("5s")
    Duration upstreamTimeout();

    /** How long to wait for a TCP connection to an upstream before answering 502. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** How often the page refreshes its data by itself. */
    @WithDefault("5s")
    Duration refreshInterval();

    /** A service whose last request is older than this is shown as stale (no recent data). */
    @WithDefault("3m")
    Duration staleAfter();
}
