package dev.vigil.generator.run;

import java.util.ArrayList;
import java.util.List;

/** Keeps every record in memory, in send order. */
public final class MemorySink implements RawSink {

    private final List<RawRecord> records = new ArrayList<>();

    @Override
    public void send(RawRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    public List<RawRecord> records() {
        return records;
    }

    public List<RawRecord> records(String topic) {
        return records.stream().filter(r -> r.topic().equals(topic)).toList();
    }
}
