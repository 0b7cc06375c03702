package dev.vigil.generator.format;

import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import dev.vigil.generator.model.GeneratedRequest;
import dev.vigil.generator.model.RawFormat;

/** Writes requests of one raw format as Kafka record values. */
public sealed interface RawEncoder permits LineEncoder, OtlpEncoder {

    RawFormat format();

    /**
     * Encodes {@code requests} (in time order) and hands each record to {@code out}; with probability
     * {@code duplicateRatio} a request that carries a request id is written a second time.
     */
    void encode(List<GeneratedRequest> requests, double duplicateRatio, Consumer<Encoded> out);

    /** A malformed record of this format's kind, built from a valid one (the normalizer must dead-letter it). */
    byte[] garbage(byte[] valid, RandomGenerator rng);

    static RawEncoder of(RawFormat format, long seed) {
        return format.otlp() ? new OtlpEncoder(format, seed) : new LineEncoder(format, seed);
    }
}
