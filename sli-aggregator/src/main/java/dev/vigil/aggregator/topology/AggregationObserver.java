package dev.vigil.aggregator.topology;

import dev.vigil.avro.DeadLetterReason;

/** What the aggregation reports besides its output (metrics); plain Java so tests can count too. */
public interface AggregationObserver {

    /** An event arrived after its window's grace period had passed; it is not in any window. */
    void lateEvent(String service, long lateByMs);

    /** An event could not be aggregated and went to the dead-letter topic. */
    void deadLettered(DeadLetterReason reason);

    /** A punctuation published {@code updates} window updates and {@code finals} final windows. */
    void windowsEmitted(int updates, int finals);

    AggregationObserver NONE = new AggregationObserver() {
        @Override
        public void lateEvent(String service, long lateByMs) {
        }

        @Override
        public void deadLettered(DeadLetterReason reason) {
        }

        @Override
        public void windowsEmitted(int updates, int finals) {
        }
    };
}
