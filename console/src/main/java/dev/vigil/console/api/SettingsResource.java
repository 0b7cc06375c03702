package dev.vigil.console.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.vigil.console.config.ConsoleConfig;

/** What the page needs to know about its server: how often to refresh, when data counts as stale. */
@Path("/api/console/settings")
public class SettingsResource {

    /** {@code GET /api/console/settings}. */
    public record Settings(long refreshSeconds, long staleAfterSeconds, String aggregatorBase, String alertingBase) {
    }

    private final Settings settings;

    public SettingsResource(ConsoleConfig config) {
        this.settings = new Settings(Math.max(1, config.refreshInterval().toSeconds()), Math.max(1, config.staleAfter().toSeconds()),
                ProxyResource.AGGREGATOR_PREFIX, ProxyResource.ALERTING_PREFIX);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Settings settings() {
        return settings;
    }
}
