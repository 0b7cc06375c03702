package dev.vigil.alerting.query;

import java.util.Map;

import dev.vigil.app.query.InstanceRouter;

/** What a query produced: a value computed here, or another instance's answer to pass through. */
public sealed interface Answer<T> permits Answer.Here, Answer.Elsewhere {

    /** Computed on this instance; {@code headers} e.g. {@code X-Vigil-Stale} when read from a standby. */
    record Here<T>(T value, Map<String, String> headers) implements Answer<T> {
    }

    record Elsewhere<T>(InstanceRouter.Forwarded forwarded) implements Answer<T> {
    }
}
