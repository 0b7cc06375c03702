package dev.vigil.normalizer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.vigil.avro.DeadLetterReason;

/** Corners of the parsers that the topology tests do not reach. */
class ParsersTest {

    private final Parsers parsers = new Parsers();

    private RawRequest one(Format f, String s) {
        List<Parsed> items = parsers.parse(f, s.getBytes(StandardCharsets.UTF_8));
        assertThat(items).hasSize(1);
        assertThat(items.get(0)).as(items.get(0).toString()).isInstanceOf(Parsed.Request.class);
        return ((Parsed.Request) items.get(0)).request();
    }

    @Test
    void clfTimesAgreeWithJavaTime() {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
        for (String t : List.of("10/Oct/2000:13:55:36 -0700", "29/Feb/2024:23:59:59 +0530", "01/Jan/1970:00:00:00 +0000",
                "31/Dec/2099:12:00:00 -1200")) {
            assertThat(Timestamps.clf(t)).as(t).isEqualTo(OffsetDateTime.parse(t, f).toInstant().toEpochMilli());
        }
    }

    @Test
    void isoTimesWithOffsetsAndFractions() {
        assertThat(Timestamps.iso("2018-07-02T22:23:00.186641Z")).isEqualTo(1530570180186L);
        assertThat(Timestamps.iso("2018-07-03T00:23:00.186+02:00")).isEqualTo(1530570180186L);
        assertThat(Timestamps.iso("2018-07-03T00:23:00+0200")).isEqualTo(1530570180000L);
    }

    @Test
    void nginxTimedVariantWithoutUpstreamTime() {
        RawRequest r = one(Format.NGINX, "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 1 \"-\" \"-\" 0.010 -");
        assertThat(r.latencyMs()).isEqualTo(10.0);
        RawRequest common = one(Format.NGINX, "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET /x HTTP/1.0\" 304 -");
        assertThat(common.status()).isEqualTo(304);
        assertThat(common.responseBytes()).isNull();
    }

    @Test
    void dockerJsonLogEnvelopeWithTrailingNewline() {
        RawRequest r = one(Format.APACHE, "{\"log\":\"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \\\"GET /a HTTP/1.1\\\" 200 5\\n\","
                + "\"stream\":\"stdout\",\"time\":\"2000-10-10T20:55:36.123Z\",\"service\":\"web\"}");
        assertThat(r.serviceName()).isEqualTo("web");
        assertThat(r.target()).isEqualTo("/a");
    }

    @Test
    void envelopeWithAParsedJsonObjectForJsonFormats() {
        RawRequest r = one(Format.CANONICAL, "{\"message\":{\"timestamp\":1,\"endpoint\":\"GET /x\"},\"service\":\"from-envelope\"}");
        assertThat(r.serviceName()).isEqualTo("from-envelope");
    }

    @Test
    void albTraceRoot() {
        assertThat(AlbParser.traceRoot("Self=1-67891234-12456789abcdef012345678;Root=1-67891233-abcdef012345678912345678;Sampled=1"))
                .isEqualTo("1-67891233-abcdef012345678912345678");
        assertThat(AlbParser.traceRoot("-")).isNull();
        assertThat(AlbParser.traceRoot("Self=1-2-3")).isNull();
    }

    @Test
    void grpcStatusNames() {
        assertThat(GrpcStatus.parse("UNAVAILABLE")).isEqualTo(14L);
        assertThat(GrpcStatus.parse("DeadlineExceeded")).isEqualTo(4L);
        assertThat(GrpcStatus.parse("Canceled")).isEqualTo(1L);
        assertThat(GrpcStatus.parse("0")).isEqualTo(0L);
        assertThat(GrpcStatus.parse("-")).isNull();
    }

    @Test
    void invalidUtf8IsReportedAsSuch() {
        List<Parsed> items = parsers.parse(Format.NGINX, new byte[] { 'a', (byte) 0xc3, (byte) 0x28 });
        assertThat(items.get(0)).isInstanceOfSatisfying(Parsed.Failure.class,
                f -> assertThat(f.reason()).isEqualTo(DeadLetterReason.INVALID_ENCODING));
        RawRequest utf8 = one(Format.NGINX, "1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET /café HTTP/1.1\" 200 1 \"-\" \"Müller\"");
        assertThat(utf8.target()).isEqualTo("/café");
    }
}
