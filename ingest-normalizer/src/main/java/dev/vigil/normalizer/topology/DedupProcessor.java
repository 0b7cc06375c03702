package dev.vigil.normalizer.topology;

import java.util.Map;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import dev.vigil.avro.RequestEvent;
import dev.vigil.normalizer.normalize.EndpointCap;

/**
 * Runs after the repartition by service, so every event of a service meets the same task: drops a
 * repeat of (service, request id) within the dedup window (by request time) and caps the distinct
 * endpoints of each service.
 */
final class DedupProcessor implements Processor<String, RequestEvent, String, RequestEvent> {

    private final Map<String, String> sourceNameByTopic;
    private final long windowMs;
    private final int endpointCap;
    private final Tally tally;
    private ProcessorContext<String, RequestEvent> context;
    private WindowStore<String, Long> seen;
    private EndpointCap.Catalog catalog;
    private CounterStore counters;

    DedupProcessor(Map<String, String> sourceNameByTopic, long windowMs, int endpointCap, Tally tally) {
        this.sourceNameByTopic = sourceNameByTopic;
        this.windowMs = windowMs;
        this.endpointCap = endpointCap;
        this.tally = tally;
    }

    @Override
    public void init(ProcessorContext<String, RequestEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(NormalizerTopology.DEDUP_STORE);
        KeyValueStore<String, Long> endpoints = context.getStateStore(NormalizerTopology.ENDPOINTS_STORE);
        this.catalog = new StoreCatalog(endpoints);
        this.counters = new CounterStore(context.getStateStore(NormalizerTopology.OUTPUT_COUNTERS), tally);
    }

    @Override
    public void process(Record<String, RequestEvent> record) {
        RequestEvent event = record.value();
        String source = sourceNameByTopic.getOrDefault(event.getSourceTopic(), event.getSourceTopic());
        long ts = record.timestamp();
        if (event.getRequestId() != null) {
            String key = event.getService() + '\u0000' + event.getRequestId();
            try (WindowStoreIterator<Long> it = seen.fetch(key, Math.max(0, ts - windowMs), ts + windowMs)) {
                if (it.hasNext()) {
                    counters.add(source, Counter.DUPLICATE, null, 1);
                    return;
                }
            }
            seen.put(key, ts, ts);
        }
        String endpoint = EndpointCap.apply(catalog, event.getService(), event.getEndpoint(), endpointCap);
        if (!endpoint.equals(event.getEndpoint())) {
            event = RequestEvent.newBuilder(event).setEndpoint(endpoint).build();
            counters.add(source, Counter.ENDPOINT_CAPPED, null, 1);
        }
        context.forward(record.withValue(event));
        counters.add(source, Counter.OUT, null, 1);
    }

    /** Endpoints known per service: key {@code service} holds the count, {@code service\0endpoint} marks one. */
    private record StoreCatalog(KeyValueStore<String, Long> store) implements EndpointCap.Catalog {

        @Override
        public boolean contains(String service, String endpoint) {
            return store.get(service + '\u0000' + endpoint) != null;
        }

        @Override
        public int size(String service) {
            Long n = store.get(service);
            return n == null ? 0 : n.intValue();
        }

        @Override
        public void add(String service, String endpoint) {
            store.put(service + '\u0000' + endpoint, 1L);
            store.put(service, (long) size(service) + 1);
        }
    }
}
