package dev.vigil.alerting.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.vigil.alerting.definitions.SloPublisher;
import dev.vigil.alerting.query.SloQueries;
import dev.vigil.alerting.query.SloStatusView;
import dev.vigil.alerting.slo.Slo;
import dev.vigil.alerting.slo.SloFormat;
import dev.vigil.alerting.slo.SloParser;
import dev.vigil.alerting.slo.SloValidator;
import dev.vigil.app.api.ProblemException;
import dev.vigil.app.query.InstanceRouter;

/** SLO definitions and their standing. Reads are open; changes need the bearer token. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class SloResource {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final SloQueries queries;
    private final SloPublisher publisher;
    private final ApiAuth auth;

    public SloResource(SloQueries queries, SloPublisher publisher, ApiAuth auth) {
        this.queries = queries;
        this.publisher = publisher;
        this.auth = auth;
    }

    @GET
    @Path("slos")
    @Operation(summary = "Every SLO with its SLI, error budget, burn rates and firing alerts")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SloStatusView.class)))
    public Response list(@QueryParam("service") String service, @Context UriInfo uri,
            @HeaderParam(InstanceRouter.FORWARDED_HEADER) String forwarded) {
        return Responses.of(queries.list(blankToNull(service), Responses.pathAndQuery(uri), forwarded != null));
    }

    @GET
    @Path("slos/{id}")
    @Operation(summary = "One SLO: SLI over the period, error budget, burn rate per rule window, time to exhaustion, firing alerts")
    public Response get(@PathParam("id") String id, @Context UriInfo uri, @HeaderParam(InstanceRouter.FORWARDED_HEADER) String forwarded) {
        return Responses.of(queries.status(id, Responses.pathAndQuery(uri), forwarded != null));
    }

    @PUT
    @Path("slos/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", MediaType.TEXT_PLAIN})
    @Operation(summary = "Create or replace one SLO (JSON body in the Vigil format)")
    public Response put(@PathParam("id") String id, @HeaderParam("Authorization") String authorization, String body) {
        auth.requireToken(authorization);
        if (!SloValidator.ID.matcher(id).matches()) {
            throw ProblemException.badRequest("id: '" + id + "' must match [a-z0-9][a-z0-9-_.]*");
        }
        SloParser.Result r = SloParser.parseOne(body, id, "api", Instant.now());
        requireValid(r);
        boolean existed = queries.exists(id);
        publisher.put(r.slos());
        Map<String, Object> definition = SloFormat.toMap(r.slos().get(0));
        return Response.status(existed ? 200 : 201).entity(definition).build();
    }

    @DELETE
    @Path("slos/{id}")
    @Operation(summary = "Delete one SLO; its firing alerts resolve")
    public Response delete(@PathParam("id") String id, @HeaderParam("Authorization") String authorization) {
        auth.requireToken(authorization);
        queries.definition(id);
        publisher.delete(List.of(id));
        return Response.noContent().build();
    }

    @POST
    @Path("slos:validate")
    @Consumes({"application/yaml", "application/x-yaml", MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @Operation(summary = "Check an SLO file (Vigil or OpenSLO v1) or one SLO without applying it")
    public Map<String, Object> validate(@HeaderParam("Authorization") String authorization, String body) {
        auth.requireToken(authorization);
        SloParser.Result r = parseAny(body);
        requireValid(r);
        return Map.of("valid", true, "slos", r.slos().stream().map(SloFormat::toMap).toList());
    }

    @POST
    @Path("slos:apply")
    @Consumes({"application/yaml", "application/x-yaml", MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @Operation(summary = "Create or replace every SLO of an SLO file (Vigil or OpenSLO v1); answers their ids")
    public List<String> apply(@HeaderParam("Authorization") String authorization, String body) {
        auth.requireToken(authorization);
        SloParser.Result r = SloParser.parse(body, "request", "api", Instant.now());
        requireValid(r);
        publisher.put(r.slos());
        return r.slos().stream().map(Slo::id).toList();
    }

    /** A whole file, or a single SLO object (a mapping with an id and no 'slos' or 'apiVersion'). */
    private static SloParser.Result parseAny(String body) {
        try {
            JsonNode node = YAML.readTree(body == null ? "" : body);
            if (node != null && node.isObject() && node.has("id") && !node.has("slos") && !node.has("apiVersion")) {
                return SloParser.parseOne(body, node.get("id").asText(), "api", Instant.now());
            }
        } catch (java.io.IOException e) {
            // the file parser reports the syntax error with its position
        }
        return SloParser.parse(body, "request", "api", Instant.now());
    }

    private static void requireValid(SloParser.Result r) {
        if (!r.ok()) {
            throw ProblemException.badRequest(r.errors().size() == 1 ? r.errors().get(0)
                    : r.errors().size() + " problems: " + String.join("; ", r.errors()), Map.of("errors", r.errors()));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
