package dev.vigil.normalizer.topology;

/**
 * The conservation counters of a source. Per source, once nothing is in flight:
 * {@code IN = OUT + DEAD_LETTER + DUPLICATE + SKIPPED}, where IN counts items (lines, spans), and
 * RECORDS counts Kafka records read. ENDPOINT_CAPPED counts events whose endpoint became {other}.
 */
public enum Counter {
    RECORDS("records"),
    IN("in"),
    OUT("out"),
    DEAD_LETTER("dead_letter"),
    DUPLICATE("duplicate"),
    SKIPPED("skipped"),
    ENDPOINT_CAPPED("endpoint_capped");

    private final String id;

    Counter(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The state-store key of this counter for {@code source} (and {@code reason}, for dead letters). */
    public String key(String source, String reason) {
        return source + '\u001f' + id + (reason == null ? "" : ":" + reason);
    }
}
