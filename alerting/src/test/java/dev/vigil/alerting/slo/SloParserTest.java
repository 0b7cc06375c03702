package dev.vigil.alerting.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SloParserTest {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    static SloParser.Result parse(String yaml) {
        return SloParser.parse(yaml, "slos.yaml", "file:slos.yaml", NOW);
    }

    @Test
    void readsTheVigilFormat() {
        SloParser.Result r = parse("""
                slos:
                  - id: checkout-availability
                    service: checkout
                    endpoint: "GET /carts/{id}"
                    sli: availability
                    target: 0.999
                    period: 30d
                    displayName: Checkout availability
                    description: Carts load
                    labels: {team: payments, tier: 1}
                    runbookUrl: https://runbooks.example/checkout
                    minEvents: 50
                    noDataAfter: 15m
                    rules:
                      - {severity: page, burnRate: 14.4, longWindow: 1h, shortWindow: 5m}
                  - id: search-latency
                    service: search
                    sli: latency
                    latencyThresholdMs: 300
                    target: 0.99
                    period: calendar-month
                """);
        assertThat(r.errors()).isEmpty();
        assertThat(r.slos()).hasSize(2);
        Slo a = r.slos().get(0);
        assertThat(a.id()).isEqualTo("checkout-availability");
        assertThat(a.endpoint()).isEqualTo("GET /carts/{id}");
        assertThat(a.sli()).isEqualTo(SliType.AVAILABILITY);
        assertThat(a.labels()).containsEntry("team", "payments").containsEntry("tier", "1");
        assertThat(a.minEvents()).isEqualTo(50);
        assertThat(a.noDataAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(a.rules()).containsExactly(new BurnRule(Severity.PAGE, 14.4, Duration.ofHours(1), Duration.ofMinutes(5)));
        assertThat(a.origin()).isEqualTo("file:slos.yaml");
        Slo b = r.slos().get(1);
        assertThat(b.period()).isEqualTo(new Period.CalendarMonth());
        assertThat(b.latencyThresholdMs()).isEqualTo(300.0);
        assertThat(b.effectiveRules()).hasSize(4);
    }

    @Test
    void theRenderedFormParsesBackToTheSameSlo() {
        Slo a = parse("""
                slos:
                  - {id: a, service: s, sli: latency, latencyThresholdMs: 250, target: 0.995, period: 7d, labels: {team: t},
                     noDataAfter: 20m, rules: [{severity: ticket, burnRate: 2, longWindow: 6h, shortWindow: 30m}]}
                """).slos().get(0);
        String json = "{\"slos\":[" + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(SloFormat.toMap(a)) + "]}";
        Slo back = parse(json).slos().get(0);
        assertThat(back.sameDefinitionAs(a)).isTrue();
    }

    @Test
    void reportsEveryProblemWithItsPlace() {
        SloParser.Result r = parse("""
                slos:
                  - id: Bad_Id
                    service: checkout
                    sli: availability
                    target: 1.5
                    period: 120d
                  - id: lat
                    service: search
                    sli: latency
                    target: 0.99
                    colour: blue
                  - id: rules
                    service: s
                    sli: availability
                    target: 0.9
                    labels: {severity: high, "bad-name": x}
                    rules:
                      - {severity: page, burnRate: 14.4, longWindow: 5m, shortWindow: 1h}
                      - {severity: urgent, burnRate: 2, longWindow: 1h, shortWindow: 5m}
                """);
        assertThat(r.slos()).isEmpty();
        assertThat(r.errors()).contains(
                "slos.yaml: slos[0].period: a rolling period must be between 1d and 90d, got 120d",
                "slos.yaml: slos[1].colour: unknown field (known fields: description, displayName, endpoint, id, labels, latencyThresholdMs, "
                        + "minEvents, noDataAfter, period, rules, runbookUrl, service, sli, target)",
                "slos.yaml: slos[2].rules[1].severity: must be page or ticket, got 'urgent'");
        SloParser.Result semantic = parse("""
                slos:
                  - {id: Bad_Id, service: checkout, sli: availability, target: 1.5}
                  - {id: lat, service: search, sli: latency, target: 0.99}
                  - id: rules
                    service: s
                    sli: availability
                    target: 0.9
                    labels: {severity: high, "bad-name": x}
                    rules:
                      - {severity: page, burnRate: 14.4, longWindow: 5m, shortWindow: 1h}
                """);
        assertThat(semantic.errors()).containsExactlyInAnyOrder(
                "slos.yaml: slos[0].id: 'Bad_Id' must match [a-z0-9][a-z0-9-_.]* (at most 128 characters)",
                "slos.yaml: slos[0].target: must be between 0 and 1, exclusive (e.g. 0.999), got 1.5",
                "slos.yaml: slos[1].latencyThresholdMs: required for a latency SLO",
                "slos.yaml: slos[2].labels: 'severity' is set by Vigil on every alert and cannot be overridden",
                "slos.yaml: slos[2].labels: 'bad-name' is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*, not starting with __)",
                "slos.yaml: slos[2].rules[0].burnRate: 14.4 can never be reached with target 0.9 (even a total outage burns at most 10.0x)",
                "slos.yaml: slos[2].rules[0].shortWindow: must be shorter than longWindow (1h >= 5m)");
    }

    @Test
    void syntaxErrorsSayWhere() {
        SloParser.Result r = parse("slos:\n  - id: a\n    target: [0.9\n");
        assertThat(r.errors()).singleElement().asString().startsWith("slos.yaml: not valid YAML/JSON at line");
        assertThat(parse("").errors()).containsExactly(
                "slos.yaml: no SLO found (expected a top-level 'slos:' list or OpenSLO 'kind: SLO' documents)");
        assertThat(parse("foo: bar").errors()).singleElement().asString().contains("neither a Vigil SLO file");
        assertThat(parse("slos:\n  - {id: a, service: s, sli: availability, target: 0.9}\n  - {id: a, service: t, sli: availability, target: 0.9}")
                .errors()).containsExactly("slos.yaml: id 'a' is defined more than once");
    }

    @Test
    void oneSloAsJsonForPut() {
        SloParser.Result ok = SloParser.parseOne("{\"service\":\"checkout\",\"sli\":\"availability\",\"target\":0.999}", "co", "api", NOW);
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.slos().get(0).id()).isEqualTo("co");
        assertThat(SloParser.parseOne("{\"id\":\"other\",\"service\":\"s\",\"sli\":\"availability\",\"target\":0.9}", "co", "api", NOW)
                .errors()).containsExactly("request: id: 'other' in the body differs from 'co' in the path");
        assertThat(SloParser.parseOne("[1,2]", "co", "api", NOW).errors()).singleElement().asString()
                .startsWith("request: the body must be one SLO as a JSON object");
        assertThat(SloParser.parseOne("{\"service\":\"s\",\"sli\":\"availability\",\"target\":\"high\"}", "co", "api", NOW).errors())
                .containsExactly("request: target: must be a number, got 'high'");
    }

    @Test
    void defaultRulesAreTheWorkbookRulesScaledToThePeriod() {
        List<BurnRule> month = DefaultRules.forPeriod(new Period.Rolling(30), 0.999);
        assertThat(month).containsExactly(
                new BurnRule(Severity.PAGE, 14.4, Duration.ofHours(1), Duration.ofMinutes(5)),
                new BurnRule(Severity.PAGE, 6, Duration.ofHours(6), Duration.ofMinutes(30)),
                new BurnRule(Severity.TICKET, 3, Duration.ofHours(24), Duration.ofHours(2)),
                new BurnRule(Severity.TICKET, 1, Duration.ofDays(3), Duration.ofHours(6)));
        List<BurnRule> week = DefaultRules.forPeriod(new Period.CalendarWeek(), 0.999);
        assertThat(week.get(0)).isEqualTo(new BurnRule(Severity.PAGE, 14.4, Duration.ofMinutes(14), Duration.ofMinutes(1)));
        assertThat(week.get(3)).isEqualTo(new BurnRule(Severity.TICKET, 1, Duration.ofMinutes(1008), Duration.ofMinutes(84)));
        // A burn rate no outage can reach is capped at the total-outage rate.
        assertThat(DefaultRules.forPeriod(new Period.Rolling(30), 0.9).get(0).burnRate()).isCloseTo(10.0,
                org.assertj.core.data.Offset.offset(1e-9));
        for (Period p : List.of(new Period.Rolling(1), new Period.Rolling(90), new Period.CalendarMonth())) {
            Slo s = new Slo("x", "s", null, SliType.AVAILABILITY, null, 0.999, p, null, null, Map.of(), null, null, null,
                    DefaultRules.forPeriod(p, 0.999), null, null);
            assertThat(SloValidator.validate(s, "")).as("defaults for %s", p.text()).isEmpty();
        }
    }

    @Test
    void durationsAndPeriods() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(Durations.format(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(Durations.format(Duration.ofDays(3))).isEqualTo("3d");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Period.parse("calendar-week").start(Instant.parse("2026-06-04T10:00:00Z"))).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(Period.parse("calendar-month").length(Instant.parse("2026-02-14T00:00:00Z"))).isEqualTo(Duration.ofDays(28));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Durations.parse("1h30m"))
                .hasMessageContaining("use a whole number and a unit");
    }
}
