package dev.vigil.normalizer.topology;

/** Where the topology reports its counters besides its state stores (Micrometer in the app, nothing in unit tests). */
public interface Tally {

    void count(String source, Counter counter, String reason, long n);

    static Tally none() {
        return (source, counter, reason, n) -> {
        };
    }
}
