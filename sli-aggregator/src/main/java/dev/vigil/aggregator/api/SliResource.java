package dev.vigil.aggregator.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.vigil.aggregator.query.Answer;
import dev.vigil.aggregator.query.SliQueryService;
import dev.vigil.app.query.InstanceRouter;
import dev.vigil.avro.SliScope;

/** The SLI API. Every instance answers every question; the query layer finds where the data lives. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class SliResource {

    private final SliQueryService queries;

    public SliResource(SliQueryService queries) {
        this.queries = queries;
    }

    @GET
    @Path("/services")
    @Operation(summary = "Services seen in the last N hours (or in [from, to)), with availability, error ratio and p99 over that range")
    public Response services(@QueryParam("hours") @Parameter(description = "1 to the maximum range in hours; default 1") String hours,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @HeaderParam(InstanceRouter.FORWARDED_HEADER) String forwarded, @Context UriInfo uri) {
        return respond(queries.services(hours, from, to, request(uri, forwarded)));
    }

    @GET
    @Path("/services/{service}/sli")
    @Operation(summary = "A service's SLI time series (one point per step) and the summary of the whole range")
    public Response sli(@PathParam("service") String service,
            @QueryParam("from") @Parameter(description = "ISO-8601 instant or epoch millis; default: to minus 1h") String from,
            @QueryParam("to") @Parameter(description = "ISO-8601 instant or epoch millis; default: the end of the current minute") String to,
            @QueryParam("step") @Parameter(description = "e.g. 1m, 5m, 1h; default: one minute (or one hour for long ranges)") String step,
            @HeaderParam(InstanceRouter.FORWARDED_HEADER) String forwarded, @Context UriInfo uri) {
        return respond(queries.series(service, from, to, step, request(uri, forwarded)));
    }

    @GET
    @Path("/services/{service}/endpoints")
    @Operation(summary = "A service's endpoints over a range, worst first")
    public Response endpoints(@PathParam("service") String service, @QueryParam("from") String from, @QueryParam("to") String to,
            @HeaderParam(InstanceRouter.FORWARDED_HEADER) String forwarded, @Context UriInfo uri) {
        return respond(queries.breakdown(service, SliScope.ENDPOINT, from, to, request(uri, forwarded)));
    }

    @GET
    @Path("/services/{service}/regions")
    @Operation(summary = "A service's regions over a range, worst first")
    public Response regions(@PathParam("service") String service, @QueryParam("from") String from, @QueryParam("to") String to,
            @HeaderParam(InstanceRouter.FORWARDED_HEADER) String forwarded, @Context UriInfo uri) {
        return respond(queries.breakdown(service, SliScope.REGION, from, to, request(uri, forwarded)));
    }

    @GET
    @Path("/top")
    @Operation(summary = "The worst services now (the last `window`, default 5m), by error ratio or p99")
    public Response top(@QueryParam("by") @Parameter(description = "error_ratio (default) or p99") String by,
            @QueryParam("limit") @Parameter(description = "1 to 1000; default 10") String limit,
            @QueryParam("window") @Parameter(description = "e.g. 5m, 1h; default 5m") String window,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @HeaderParam(InstanceRouter.FORWARDED_HEADER) String forwarded, @Context UriInfo uri) {
        return respond(queries.top(by, limit, window, from, to, request(uri, forwarded)));
    }

    private static SliQueryService.Request request(UriInfo uri, String forwarded) {
        java.net.URI u = uri.getRequestUri();
        String pathAndQuery = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        return new SliQueryService.Request(pathAndQuery, "true".equalsIgnoreCase(forwarded));
    }

    private static Response respond(Answer answer) {
        if (answer instanceof Answer.Proxied proxied) {
            InstanceRouter.Forwarded f = proxied.forwarded();
            Response.ResponseBuilder r = Response.status(f.status()).type(f.contentType()).entity(f.body());
            f.headers().forEach(r::header);
            return r.build();
        }
        Answer.Computed computed = (Answer.Computed) answer;
        Response.ResponseBuilder r = Response.ok(computed.body(), MediaType.APPLICATION_JSON_TYPE)
                .header(InstanceRouter.SERVED_BY_HEADER, computed.servedBy());
        if (computed.stale() != null) {
            r.header(InstanceRouter.STALE_HEADER, computed.stale());
        }
        return r.build();
    }
}
