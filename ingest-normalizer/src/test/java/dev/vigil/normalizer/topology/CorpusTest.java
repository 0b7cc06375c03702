package dev.vigil.normalizer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DeadLetterReason;
import dev.vigil.normalizer.Corpus;
import dev.vigil.testkit.MalformedCorpus;

/** Every malformed corpus input becomes exactly one dead letter with its expected reason, and nothing else. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusTest {

    private Fixture fx;

    @BeforeAll
    void start() {
        fx = new Fixture(Instant.now());
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    List<MalformedCorpus.Case> cases() {
        return Corpus.all();
    }

    @Test
    void theCorpusIsLargeAndCoversEverySourceAndReason() {
        List<MalformedCorpus.Case> all = cases();
        assertThat(all).hasSizeGreaterThanOrEqualTo(200);
        Map<String, Long> perSource = all.stream().collect(Collectors.groupingBy(MalformedCorpus.Case::source, Collectors.counting()));
        assertThat(perSource.keySet()).containsExactlyInAnyOrder("nginx", "apache", "envoy", "alb", "otlp", "events");
        assertThat(perSource.values()).allMatch(n -> n >= 25);
        Set<DeadLetterReason> reasons = all.stream().map(MalformedCorpus.Case::expected).collect(Collectors.toSet());
        assertThat(reasons).containsAll(EnumSet.of(DeadLetterReason.UNPARSEABLE, DeadLetterReason.UNKNOWN_FORMAT,
                DeadLetterReason.MISSING_FIELD, DeadLetterReason.INVALID_VALUE, DeadLetterReason.FUTURE_TIMESTAMP,
                DeadLetterReason.TOO_OLD, DeadLetterReason.INVALID_ENCODING, DeadLetterReason.UNDECODABLE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void becomesOneDeadLetterWithTheExpectedReason(MalformedCorpus.Case c) {
        fx.send(c.source(), c.value());
        List<KeyValue<String, DeadLetter>> dead = fx.deadLetters();
        assertThat(fx.events()).as("no event from " + c).isEmpty();
        assertThat(dead).as("dead letters of " + c).hasSize(1);
        assertThat(dead.get(0).value.getReason()).as(c + ": " + dead.get(0).value.getMessage()).isEqualTo(c.expected());
        assertThat(dead.get(0).key).isEqualTo(fx.settings().sourceByName(c.source()).orElseThrow().topic());
    }
}
