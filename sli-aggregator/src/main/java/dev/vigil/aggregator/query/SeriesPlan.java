package dev.vigil.aggregator.query;

/** A range cut into steps of {@code stepMs} (the last one may be shorter). */
public record SeriesPlan(TimeRange range, long stepMs) {

    public int points() {
        return (int) ((range.toMs() - range.fromMs() + stepMs - 1) / stepMs);
    }
}
