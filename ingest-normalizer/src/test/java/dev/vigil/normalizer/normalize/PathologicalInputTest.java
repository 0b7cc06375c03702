package dev.vigil.normalizer.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.avro.DeadLetterReason;

/**
 * A 1 MiB record of quotes, brackets, braces or backslashes is rejected quickly by every parser
 * (the benchmark measures it; this test only guards against quadratic behaviour with a generous bound).
 */
class PathologicalInputTest {

    private final RecordNormalizer normalizer = new RecordNormalizer(NormalizeSettings.defaults());

    static List<byte[]> inputs() {
        int n = NormalizeSettings.ONE_MIB;
        return List.of(fill(n, "\""), fill(n, "["), fill(n, "{"), fill(n, "\\\""), fill(n, "[\" "), fill(n, "a "),
                ("1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET /" + "a/".repeat(n / 2 - 40) + " HTTP/1.1\" 200 1")
                        .getBytes(StandardCharsets.UTF_8),
                fill(n, "{\"a\":"), fill(n, "[1,"));
    }

    static byte[] fill(int size, String unit) {
        byte[] u = unit.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = u[i % u.length];
        }
        return out;
    }

    @Test
    void oneMebibyteOfPunctuationIsRejectedFastByEveryFormat() {
        long worstNanos = 0;
        for (SourceSpec source : SourceSpec.defaults()) {
            for (byte[] input : inputs()) {
                normalizer.normalize(source, input, System.currentTimeMillis()); // warm-up
                long start = System.nanoTime();
                List<Normalized> out = normalizer.normalize(source, input, System.currentTimeMillis());
                long took = System.nanoTime() - start;
                worstNanos = Math.max(worstNanos, took);
                assertThat(out).isNotEmpty();
                assertThat(out).allMatch(n -> !(n instanceof Normalized.Rejected r) || r.reason() != DeadLetterReason.OTHER);
                assertThat(took).as(source.name() + " took " + took / 1_000_000 + " ms").isLessThan(1_000_000_000L);
            }
        }
        assertThat(worstNanos).isLessThan(1_000_000_000L);
    }

    @Test
    void overOneMebibyteIsOversizedBeforeParsing() {
        byte[] big = fill(NormalizeSettings.ONE_MIB + 1, "\"");
        for (SourceSpec source : SourceSpec.defaults()) {
            List<Normalized> out = normalizer.normalize(source, big, System.currentTimeMillis());
            assertThat(out).singleElement().isInstanceOfSatisfying(Normalized.Rejected.class,
                    r -> assertThat(r.reason()).isEqualTo(DeadLetterReason.OVERSIZED));
        }
    }
}
