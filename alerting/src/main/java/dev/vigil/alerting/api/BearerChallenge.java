package dev.vigil.alerting.api;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** RFC 6750: a 401 tells the client which scheme to use. */
public class BearerChallenge {

    @ServerResponseFilter
    public void challenge(ContainerResponseContext response) {
        if (response.getStatus() == 401 && !response.getHeaders().containsKey("WWW-Authenticate")) {
            response.getHeaders().add("WWW-Authenticate", "Bearer realm=\"vigil\"");
        }
    }
}
