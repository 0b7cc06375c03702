package dev.vigil.normalizer.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.vigil.normalizer.query.DryRun;

@Path("/api/v1/parse")
@Tag(name = "parse", description = "Dry run: how a sample would be normalized")
public class ParseResource {

    private final DryRun dryRun;

    public ParseResource(DryRun dryRun) {
        this.dryRun = dryRun;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Normalize a pasted sample without writing anything",
            description = "The body is one raw record: log lines (one item per line), a shipper envelope, canonical JSON, "
                    + "or an OTLP export request (protobuf or JSON). Answers each item's event or dead-letter reason.")
    @RequestBody(description = "The raw sample, as a shipper would write it to the source topic")
    @APIResponse(responseCode = "200", description = "What each item became")
    @APIResponse(responseCode = "400", description = "Unknown format or source, or an empty body (application/problem+json)")
    public DryRun.Result parse(
            @Parameter(description = "nginx, apache, envoy, alb, otlp_proto, otlp_json or canonical") @QueryParam("format") String format,
            @Parameter(description = "A configured source whose rules and default service apply") @QueryParam("source") String source,
            byte[] body) {
        return dryRun.run(format, source, body);
    }
}
