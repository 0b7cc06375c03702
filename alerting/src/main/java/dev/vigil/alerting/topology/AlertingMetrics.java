package dev.vigil.alerting.topology;

import dev.vigil.alerting.alert.AlertState;

/** What the topology counts; the app exports it to /q/metrics, tests and benchmarks ignore it. */
public interface AlertingMetrics {

    AlertingMetrics NONE = new AlertingMetrics() {
    };

    default void transition(AlertState state) {
    }

    /** An SLI update for a minute older than the minute horizon: too late to be counted exactly. */
    default void lateUpdate() {
    }

    /** An SLI window with impossible values, dead-lettered. */
    default void invalidWindow() {
    }

    /** A definition on the topic that is not a valid SLO; it is not in force. */
    default void invalidDefinition() {
    }

    default void sliUpdate() {
    }
}
