package dev.vigil.console.api;

import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.vigil.console.proxy.ProxyAnswer;
import dev.vigil.console.proxy.Upstream;
import dev.vigil.console.proxy.UpstreamProxy;
import dev.vigil.console.proxy.Upstreams;

/**
 * Same-origin, read-only access to the apps' documented APIs: {@code GET /api/aggregator/<path>}
 * is {@code GET <aggregator-url>/api/<path>}, {@code GET /api/alerting/<path>} likewise. Any other
 * method answers 405; an unreachable upstream 502, a slow one 504 (problem+json naming it).
 */
@Path("/api")
public class ProxyResource {

    static final String AGGREGATOR_PREFIX = "/api/aggregator";
    static final String ALERTING_PREFIX = "/api/alerting";

    private final UpstreamProxy proxy;
    private final Upstreams upstreams;

    public ProxyResource(UpstreamProxy proxy, Upstreams upstreams) {
        this.proxy = proxy;
        this.upstreams = upstreams;
    }

    @GET
    @Path("/aggregator/{path: .*}")
    public CompletionStage<Response> aggregator(@Context UriInfo uri) {
        return forward(upstreams.aggregator(), AGGREGATOR_PREFIX, uri);
    }

    @GET
    @Path("/alerting/{path: .*}")
    public CompletionStage<Response> alerting(@Context UriInfo uri) {
        return forward(upstreams.alerting(), ALERTING_PREFIX, uri);
    }

    private CompletionStage<Response> forward(Upstream upstream, String prefix, UriInfo uri) {
        // The raw (still encoded) path and query go on unchanged, so that e.g. %2F in a service name survives.
        String rawPath = uri.getRequestUri().getRawPath().substring(prefix.length());
        String instance = uri.getRequestUri().getRawPath();
        return proxy.get(upstream, rawPath, uri.getRequestUri().getRawQuery()).thenApply(answer -> respond(answer, instance));
    }

    static Response respond(ProxyAnswer answer, String instance) {
        if (answer instanceof ProxyAnswer.Answered a) {
            Response.ResponseBuilder r = Response.status(a.status()).entity(a.body()).header("Cache-Control", "no-store");
            if (a.contentType() != null) {
                r.type(a.contentType());
            }
            a.headers().forEach(r::header);
            return r.build();
        }
        if (answer instanceof ProxyAnswer.TimedOut t) {
            return problem(new Problem("about:blank", "Gateway Timeout", 504, "the " + t.upstream().name() + " at "
                    + t.upstream().baseUrl() + " did not answer within " + t.timeout().toMillis() + " ms", instance, t.upstream().name()));
        }
        ProxyAnswer.Unreachable u = (ProxyAnswer.Unreachable) answer;
        return problem(new Problem("about:blank", "Bad Gateway", 502, "the " + u.upstream().name() + " at " + u.upstream().baseUrl()
                + " is unreachable: " + u.reason(), instance, u.upstream().name()));
    }

    private static Response problem(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).header("Cache-Control", "no-store").build();
    }
}
