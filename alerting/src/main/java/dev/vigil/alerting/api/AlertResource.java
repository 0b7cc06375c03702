package dev.vigil.alerting.api;

import java.util.Locale;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.vigil.alerting.query.AlertQueries;
import dev.vigil.app.api.ProblemException;
import dev.vigil.app.query.InstanceRouter;

/** Alerts firing now and recently resolved. */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    static final int MAX_LIMIT = 1000;

    private final AlertQueries queries;

    public AlertResource(AlertQueries queries) {
        this.queries = queries;
    }

    @GET
    @Operation(summary = "Firing alerts and recent resolutions, firing first, newest first")
    public Response list(@QueryParam("state") String state, @QueryParam("service") String service,
            @QueryParam("limit") @DefaultValue("100") String limit, @Context UriInfo uri,
            @HeaderParam(InstanceRouter.FORWARDED_HEADER) String forwarded) {
        AlertQueries.State s;
        if (state == null || state.isBlank()) {
            s = AlertQueries.State.ALL;
        } else {
            s = switch (state.toLowerCase(Locale.ROOT)) {
                case "firing" -> AlertQueries.State.FIRING;
                case "resolved" -> AlertQueries.State.RESOLVED;
                default -> throw ProblemException.badRequest("state: must be firing or resolved, got '" + state + "'");
            };
        }
        int n;
        try {
            n = Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_LIMIT) {
            throw ProblemException.badRequest("limit: must be a whole number from 1 to " + MAX_LIMIT + ", got '" + limit + "'");
        }
        return Responses.of(queries.alerts(s, service == null || service.isBlank() ? null : service, n, Responses.pathAndQuery(uri),
                forwarded != null));
    }
}
