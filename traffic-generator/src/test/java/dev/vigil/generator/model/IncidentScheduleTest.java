package dev.vigil.generator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class IncidentScheduleTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void parsesSpecsRelativeToTheStart() {
        IncidentSchedule s = IncidentSchedule.parse("error-spike:checkout:1m:2m:0.3, latency:search:90s:2m, outage:payments:4m:30s",
                Catalog.defaults(), T0);
        assertThat(s.incidents()).hasSize(3);
        Incident spike = s.incidents().get(0);
        assertThat(spike.kind()).isEqualTo(IncidentKind.ERROR_SPIKE);
        assertThat(spike.start()).isEqualTo(T0.plusSeconds(60));
        assertThat(spike.end()).isEqualTo(T0.plusSeconds(180));
        assertThat(spike.magnitude()).isEqualTo(0.3);
        assertThat(s.incidents().get(1).magnitude()).as("default factor").isEqualTo(5);
        long during = T0.plusSeconds(100).toEpochMilli();
        assertThat(s.errorFraction("checkout", during)).isEqualTo(0.3);
        assertThat(s.errorFraction("checkout", T0.plusSeconds(180).toEpochMilli())).as("end is exclusive").isZero();
        assertThat(s.errorFraction("search", during)).isZero();
        assertThat(s.latencyFactor("search", during)).isEqualTo(5);
        assertThat(s.latencyFactor("search", T0.toEpochMilli())).isEqualTo(1);
        assertThat(s.outage("payments", T0.plusSeconds(250).toEpochMilli())).isTrue();
        assertThat(s.outage("payments", T0.plusSeconds(270).toEpochMilli())).isFalse();
    }

    @Test
    void defaultsHitTheFirstThreeServices() {
        IncidentSchedule s = IncidentSchedule.parse("default", Catalog.defaults(), T0);
        assertThat(s.incidents()).extracting(Incident::service).containsExactly("checkout", "search", "payments");
        assertThat(s.incidents()).extracting(Incident::kind)
                .containsExactly(IncidentKind.ERROR_SPIKE, IncidentKind.LATENCY_REGRESSION, IncidentKind.OUTAGE);
        assertThat(IncidentSchedule.parse("none", Catalog.defaults(), T0).incidents()).isEmpty();
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        assertThatThrownBy(() -> IncidentSchedule.parse("error-spike:nosuch:1m:1m", Catalog.defaults(), T0))
                .hasMessageContaining("unknown service 'nosuch'");
        assertThatThrownBy(() -> IncidentSchedule.parse("meteor:checkout:1m:1m", Catalog.defaults(), T0))
                .hasMessageContaining("unknown incident kind");
        assertThatThrownBy(() -> IncidentSchedule.parse("error-spike:checkout:1m", Catalog.defaults(), T0))
                .hasMessageContaining("kind:service:start:duration");
        assertThatThrownBy(() -> IncidentSchedule.parse("error-spike:checkout:1m:1m:1.5", Catalog.defaults(), T0))
                .hasMessageContaining("fraction");
        assertThatThrownBy(() -> IncidentSchedule.parse("outage:checkout:1m:soon", Catalog.defaults(), T0))
                .hasMessageContaining("not a duration");
    }

    @Test
    void durationsReadAndWriteTheUsualUnits() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThatThrownBy(() -> Durations.parse("5 minutes")).isInstanceOf(IllegalArgumentException.class);
    }
}
