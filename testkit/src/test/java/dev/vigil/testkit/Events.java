package dev.vigil.testkit;

import java.time.Instant;

import dev.vigil.avro.Outcome;
import dev.vigil.avro.RequestEvent;

final class Events {

    private Events() {
    }

    static RequestEvent event(String service, int status, double latencyMs) {
        return RequestEvent.newBuilder()
                .setTimestamp(Instant.parse("2026-11-29T10:00:00Z"))
                .setService(service)
                .setEndpoint("GET /items/{id}")
                .setMethod("GET")
                .setStatusCode(status)
                .setOutcome(status >= 500 ? Outcome.AVAILABILITY_ERROR : status >= 400 ? Outcome.CLIENT_ERROR : Outcome.OK)
                .setLatencyMs(latencyMs)
                .setSourceFormat("canonical")
                .setSourceTopic("raw.events")
                .build();
    }
}
