package dev.vigil.normalizer.topology;

import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.deadletter.DeadLetters;
import dev.vigil.normalizer.normalize.Normalized;
import dev.vigil.normalizer.normalize.RecordNormalizer;
import dev.vigil.normalizer.normalize.SourceSpec;

/**
 * Raw bytes of any source to events (keyed by service, stamped with the request's time) and dead
 * letters (keyed by source topic); counts records, items, dead letters by reason and skips.
 */
final class NormalizeProcessor implements Processor<byte[], byte[], String, SpecificRecord> {

    private final Map<String, SourceSpec> byTopic;
    private final RecordNormalizer normalizer;
    private final Tally tally;
    private ProcessorContext<String, SpecificRecord> context;
    private CounterStore counters;

    NormalizeProcessor(Map<String, SourceSpec> byTopic, RecordNormalizer normalizer, Tally tally) {
        this.byTopic = byTopic;
        this.normalizer = normalizer;
        this.tally = tally;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.counters = new CounterStore(context.getStateStore(NormalizerTopology.INGEST_COUNTERS), tally);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        SourceSpec source = byTopic.get(meta.topic());
        long now = context.currentSystemTimeMs();
        List<Normalized> items = normalizer.normalize(source, record.value(), now);
        counters.add(source.name(), Counter.RECORDS, null, 1);
        counters.add(source.name(), Counter.IN, null, items.size());
        for (Normalized item : items) {
            if (item instanceof Normalized.Event e) {
                RequestEvent event = e.event();
                context.forward(new Record<>(event.getService(), event, event.getTimestamp().toEpochMilli()));
            } else if (item instanceof Normalized.Rejected r) {
                DeadLetter letter = DeadLetters.of(r.reason(), r.message(), NormalizerTopology.APP,
                        new DeadLetters.Origin(meta.topic(), meta.partition(), meta.offset(), record.timestamp(), source.format().id(),
                                r.itemIndex()),
                        r.raw() != null ? r.raw() : record.value(), now);
                context.forward(new Record<>(meta.topic(), letter, record.timestamp()));
                counters.add(source.name(), Counter.DEAD_LETTER, r.reason().name(), 1);
            } else {
                counters.add(source.name(), Counter.SKIPPED, null, 1);
            }
        }
    }
}
