package dev.vigil.alerting.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dev.vigil.alerting.query.Answer;

/** Turns query answers into HTTP responses: local values as JSON, forwarded answers passed through. */
final class Responses {

    private Responses() {
    }

    static <T> Response of(Answer<T> answer) {
        if (answer instanceof Answer.Elsewhere<T> e) {
            Response.ResponseBuilder r = Response.status(e.forwarded().status()).type(e.forwarded().contentType()).entity(e.forwarded().body());
            e.forwarded().headers().forEach(r::header);
            return r.build();
        }
        Answer.Here<T> here = (Answer.Here<T>) answer;
        Response.ResponseBuilder r = Response.ok(here.value(), MediaType.APPLICATION_JSON_TYPE);
        here.headers().forEach(r::header);
        return r.build();
    }

    static String pathAndQuery(UriInfo uri) {
        String q = uri.getRequestUri().getRawQuery();
        return uri.getRequestUri().getRawPath() + (q == null ? "" : "?" + q);
    }
}
