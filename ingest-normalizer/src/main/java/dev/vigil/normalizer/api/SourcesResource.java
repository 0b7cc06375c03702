package dev.vigil.normalizer.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.vigil.app.api.ProblemException;
import dev.vigil.app.query.InstanceRouter;
import dev.vigil.normalizer.query.SourceStats;
import dev.vigil.normalizer.query.SourceView;

@Path("/api/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sources", description = "Configured raw sources and their conservation counters")
public class SourcesResource {

    private final SourceStats stats;

    public SourcesResource(SourceStats stats) {
        this.stats = stats;
    }

    @GET
    @Operation(summary = "Configured sources with their counters",
            description = "Per source: topic, format, default service, service rules, and counters summed over every instance "
                    + "(records, in, out, deadLetters by reason, duplicates, skipped, endpointsCapped, inFlight). "
                    + "in = out + deadLetters + duplicates + skipped + inFlight.")
    @APIResponse(responseCode = "200", description = "The sources")
    @APIResponse(responseCode = "400", description = "Bad scope")
    @APIResponse(responseCode = "503", description = "Kafka Streams is starting or rebalancing; retry after Retry-After")
    public List<SourceView> sources(
            @Parameter(description = "cluster (default: every instance) or local (this instance's tasks only)")
            @QueryParam("scope") @DefaultValue("cluster") String scope,
            @HeaderParam(InstanceRouter.FORWARDED_HEADER) String forwarded) {
        return stats.sources(read(scope, forwarded));
    }

    @GET
    @Path("/counters")
    @Operation(summary = "Raw counter values by key (source, counter, reason)",
            description = "Used between instances to sum the cluster view; keys are 'source<US>counter[:reason]'.")
    @APIResponse(responseCode = "200", description = "Counter values")
    public Map<String, Long> counters(@QueryParam("scope") @DefaultValue("cluster") String scope,
            @HeaderParam(InstanceRouter.FORWARDED_HEADER) String forwarded) {
        return read(scope, forwarded);
    }

    private Map<String, Long> read(String scope, String forwarded) {
        return switch (scope) {
            case "local" -> stats.localCounters();
            case "cluster" -> stats.clusterCounters(forwarded != null);
            default -> throw ProblemException.badRequest("scope must be 'cluster' or 'local', not '" + scope + "'");
        };
    }
}
