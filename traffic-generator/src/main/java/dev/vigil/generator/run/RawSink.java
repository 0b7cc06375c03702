package dev.vigil.generator.run;

/** Where generated records go: Kafka, or memory for tests and benchmarks. */
public interface RawSink extends AutoCloseable {

    void send(RawRecord record);

    /** Blocks until everything sent so far is stored; fails if anything could not be. */
    void flush();

    @Override
    default void close() {
        flush();
    }
}
