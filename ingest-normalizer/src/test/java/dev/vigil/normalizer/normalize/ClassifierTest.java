package dev.vigil.normalizer.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.vigil.avro.Outcome;

class ClassifierTest {

    private final Classifier c = new Classifier(Set.of());

    @Test
    void httpCodes() {
        assertThat(c.classify(200, null, null)).isEqualTo(Outcome.OK);
        assertThat(c.classify(301, null, null)).isEqualTo(Outcome.OK);
        assertThat(c.classify(404, null, null)).isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(c.classify(429, null, null)).isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(c.classify(499, null, null)).isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(c.classify(500, null, null)).isEqualTo(Outcome.AVAILABILITY_ERROR);
        assertThat(c.classify(504, null, null)).isEqualTo(Outcome.AVAILABILITY_ERROR);
        assertThat(new Classifier(Set.of(429)).classify(429, null, null)).isEqualTo(Outcome.AVAILABILITY_ERROR);
    }

    @Test
    void noResponseAndSourceHints() {
        assertThat(c.classify(null, null, null)).isEqualTo(Outcome.AVAILABILITY_ERROR);
        assertThat(c.classify(400, null, Boolean.TRUE)).isEqualTo(Outcome.AVAILABILITY_ERROR);
        assertThat(c.classify(null, null, Boolean.FALSE)).isEqualTo(Outcome.OK);
    }

    @Test
    void grpcCodes() {
        for (int code : new int[] { 2, 4, 13, 14, 15 }) {
            assertThat(c.classify(200, code, null)).as("grpc " + code).isEqualTo(Outcome.AVAILABILITY_ERROR);
            assertThat(c.classify(null, code, null)).as("grpc " + code).isEqualTo(Outcome.AVAILABILITY_ERROR);
        }
        for (int code : new int[] { 0, 1, 3, 5, 7, 8, 16 }) {
            assertThat(c.classify(null, code, null)).as("grpc " + code).isEqualTo(Outcome.OK);
        }
    }
}
