package dev.vigil.aggregator;

import java.time.Instant;

import dev.vigil.avro.Outcome;
import dev.vigil.avro.RequestEvent;

/** Request events as the normalizer writes them. */
public final class TestEvents {

    private TestEvents() {
    }

    public static RequestEvent event(String service, String endpoint, String region, Instant at, Integer status, Double latencyMs) {
        return RequestEvent.newBuilder()
                .setTimestamp(at)
                .setService(service)
                .setEndpoint(endpoint)
                .setMethod(endpoint.substring(0, endpoint.indexOf(' ')))
                .setRegion(region)
                .setStatusCode(status)
                .setOutcome(outcome(status))
                .setLatencyMs(latencyMs)
                .setSourceFormat("canonical")
                .setSourceTopic("raw.events")
                .build();
    }

    public static RequestEvent event(String service, Instant at, int status, double latencyMs) {
        return event(service, "GET /items/{id}", null, at, status, latencyMs);
    }

    /** The contract's classification: 5xx and no response are availability errors, 4xx client errors. */
    public static Outcome outcome(Integer status) {
        if (status == null || status >= 500) {
            return Outcome.AVAILABILITY_ERROR;
        }
        return status >= 400 ? Outcome.CLIENT_ERROR : Outcome.OK;
    }
}
