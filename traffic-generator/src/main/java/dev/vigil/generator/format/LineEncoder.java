package dev.vigil.generator.format;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import dev.vigil.generator.model.GeneratedRequest;
import dev.vigil.generator.model.RawFormat;

/** One record per request: a log line (in a shipper envelope where the format needs one) or a JSON object. */
public final class LineEncoder implements RawEncoder {

    private final RawFormat format;
    private final Lines lines;
    private final SplittableRandom rng;

    LineEncoder(RawFormat format, long seed) {
        this.format = format;
        this.lines = new Lines();
        this.rng = new SplittableRandom(seed * 31 + format.ordinal());
    }

    @Override
    public RawFormat format() {
        return format;
    }

    @Override
    public void encode(List<GeneratedRequest> requests, double duplicateRatio, Consumer<Encoded> out) {
        for (GeneratedRequest r : requests) {
            byte[] value = lines.record(r);
            out.accept(Encoded.valid(value, r.timestampMillis(), 1, 0, 0));
            if (duplicateRatio > 0 && format.hasRequestId() && rng.nextDouble() < duplicateRatio) {
                // A shipper retry: the same record again, same request id.
                out.accept(Encoded.valid(value, r.timestampMillis(), 0, 0, 1));
            }
        }
    }

    /** Mostly a record cut short (broken JSON, a line missing its fields), sometimes bytes that are not UTF-8. */
    @Override
    public byte[] garbage(byte[] valid, RandomGenerator random) {
        if (random.nextDouble() < 0.25) {
            byte[] bad = Arrays.copyOf(valid, Math.min(valid.length, 24));
            bad[bad.length / 2] = (byte) 0xC3;
            bad[bad.length / 2 + 1] = (byte) 0x28;       // 0xC3 0x28: an invalid UTF-8 sequence
            return bad;
        }
        return Arrays.copyOf(valid, Math.max(10, valid.length * 35 / 100));
    }
}
