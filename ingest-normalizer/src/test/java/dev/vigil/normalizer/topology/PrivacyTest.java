package dev.vigil.normalizer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.vigil.normalizer.Samples;

/**
 * No client IP, user agent, query string or user id reaches request-events: every format's samples
 * carry them, and the serialized bytes written to the topic must not contain any of them.
 */
class PrivacyTest {

    private static final Instant T = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(10);

    static List<Arguments> formats() {
        return List.of(
                Arguments.of("nginx", (Consumer<Fixture>) fx -> {
                    fx.send("nginx", Samples.nginxCombinedEnvelope(T));
                    fx.send("nginx", Samples.nginxTimed(T));
                    fx.send("nginx", Samples.nginxIngress(T, "p-1"));
                    fx.send("nginx", Samples.nginxIngressRetry(T));
                    fx.send("nginx", Samples.nginxIngressRedirect(T));
                }, 5),
                Arguments.of("apache", (Consumer<Fixture>) fx -> {
                    fx.send("apache", Samples.apacheCommon(T));
                    fx.send("apache", Samples.apacheCombinedMicros(T));
                }, 2),
                Arguments.of("envoy", (Consumer<Fixture>) fx -> {
                    fx.send("envoy", Samples.envoyDefault(T, "p-2"));
                    fx.send("envoy", Samples.envoyIstioText(T));
                    fx.send("envoy", Samples.envoyIstioJson(T));
                }, 3),
                Arguments.of("alb", (Consumer<Fixture>) fx -> {
                    fx.send("alb", Samples.alb(T, "1-5833-77"));
                    fx.send("alb", Samples.albNoTarget(T));
                    fx.send("alb", Samples.classicElb(T));
                }, 3),
                Arguments.of("otlp_proto", (Consumer<Fixture>) fx -> fx.send("otlp", Samples.otlp(T).toByteArray()), 3),
                Arguments.of("otlp_json", (Consumer<Fixture>) fx -> fx.send("otlp", Samples.otlpJson(T)), 1),
                Arguments.of("canonical", (Consumer<Fixture>) fx -> {
                    fx.send("events", Samples.canonical(T, "p-3"));
                    fx.send("events", Samples.canonicalPath(T));
                }, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void nothingPersonalReachesRequestEvents(String format, Consumer<Fixture> send, int expectedEvents) {
        try (Fixture fx = new Fixture(T.plusSeconds(10))) {
            send.accept(fx);
            var records = fx.eventBytes.readValuesToList();
            assertThat(records).as("events from " + format).hasSize(expectedEvents);
            for (byte[] value : records) {
                String text = new String(value, StandardCharsets.ISO_8859_1);
                for (String secret : Samples.SECRETS) {
                    assertThat(text).as(format + " event must not carry '" + secret + "'").doesNotContain(secret);
                }
            }
        }
    }
}
