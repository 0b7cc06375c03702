package dev.vigil.normalizer.topology;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Conservation counters kept in a changelogged state store, so under exactly-once they move with
 * the task on a rebalance and count each input exactly once, even across crashes; the same counts
 * also go to the {@link Tally} (per-instance Micrometer counters).
 */
final class CounterStore {

    private final KeyValueStore<String, Long> store;
    private final Tally tally;

    CounterStore(KeyValueStore<String, Long> store, Tally tally) {
        this.store = store;
        this.tally = tally;
    }

    void add(String source, Counter counter, String reason, long n) {
        if (n == 0) {
            return;
        }
        String key = counter.key(source, reason);
        Long current = store.get(key);
        store.put(key, current == null ? n : current + n);
        tally.count(source, counter, reason, n);
    }
}
