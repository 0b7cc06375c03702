package dev.vigil.aggregator.query;

import dev.vigil.app.query.InstanceRouter;

/** What the query layer hands the REST layer: a body computed here, or another instance's answer passed through. */
public sealed interface Answer permits Answer.Computed, Answer.Proxied {

    /**
     * Computed on this instance; {@code stale} is the {@code X-Vigil-Stale} header value when the
     * answer comes from a standby replica, else null.
     */
    record Computed(Object body, String servedBy, String stale) implements Answer {
    }

    /** The owner's answer, status, body and headers as they came. */
    record Proxied(InstanceRouter.Forwarded forwarded) implements Answer {
    }
}
