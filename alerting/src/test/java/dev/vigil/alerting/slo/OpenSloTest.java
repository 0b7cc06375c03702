package dev.vigil.alerting.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class OpenSloTest {

    static SloParser.Result parse(String yaml) {
        return SloParser.parse(yaml, "openslo.yaml", "file:openslo.yaml", Instant.parse("2026-06-01T00:00:00Z"));
    }

    @Test
    void importsRatioAndThresholdIndicators() {
        SloParser.Result r = parse("""
                apiVersion: openslo/v1
                kind: SLO
                metadata:
                  name: checkout-availability
                  displayName: Checkout availability
                  labels: {team: payments, tags: [web, core]}
                spec:
                  description: Checkout answers
                  service: checkout
                  indicator:
                    metadata: {name: checkout-ok}
                    spec:
                      ratioMetric:
                        counter: true
                        good: {metricSource: {type: Vigil, spec: {service: checkout}}}
                        total: {metricSource: {type: Vigil, spec: {service: checkout}}}
                  timeWindow:
                    - duration: 4w
                      isRolling: true
                  budgetingMethod: Occurrences
                  objectives:
                    - displayName: Good
                      targetPercent: 99.9
                ---
                apiVersion: openslo/v1
                kind: SLI
                metadata: {name: search-latency}
                spec:
                  thresholdMetric:
                    metricSource: {type: vigil, spec: {service: search, endpoint: "GET /search"}}
                ---
                apiVersion: openslo/v1
                kind: SLO
                metadata: {name: search-latency}
                spec:
                  service: search
                  indicatorRef: search-latency
                  timeWindow:
                    - duration: 1M
                      isRolling: false
                      calendar: {startTime: "2026-01-01 00:00:00", timeZone: UTC}
                  budgetingMethod: Occurrences
                  objectives:
                    - {op: lte, value: 300, target: 0.95}
                    - {op: lt, value: 1000, target: 0.99}
                ---
                apiVersion: openslo/v1
                kind: Service
                metadata: {name: search}
                spec: {description: ignored}
                """);
        assertThat(r.errors()).isEmpty();
        assertThat(r.slos()).extracting(Slo::id).containsExactly("checkout-availability", "search-latency-1", "search-latency-2");
        Slo a = r.slos().get(0);
        assertThat(a.sli()).isEqualTo(SliType.AVAILABILITY);
        assertThat(a.service()).isEqualTo("checkout");
        assertThat(a.target()).isEqualTo(0.999, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(a.period()).isEqualTo(new Period.Rolling(28));
        assertThat(a.labels()).containsEntry("team", "payments").containsEntry("tags", "web,core");
        assertThat(a.displayName()).isEqualTo("Good");
        Slo l = r.slos().get(1);
        assertThat(l.sli()).isEqualTo(SliType.LATENCY);
        assertThat(l.endpoint()).isEqualTo("GET /search");
        assertThat(l.latencyThresholdMs()).isEqualTo(300.0);
        assertThat(l.period()).isEqualTo(new Period.CalendarMonth());
        assertThat(r.slos().get(2).latencyThresholdMs()).isEqualTo(1000.0);
    }

    @Test
    void explainsWhatCannotBeImported() {
        SloParser.Result r = parse("""
                apiVersion: openslo/v1
                kind: SLO
                metadata: {name: prom}
                spec:
                  indicator:
                    spec:
                      thresholdMetric:
                        metricSource: {type: Prometheus, spec: {query: "histogram_quantile(0.99, rate(x[5m]))"}}
                  budgetingMethod: Timeslices
                  timeWindow: [{duration: 1w, isRolling: false, calendar: {timeZone: Europe/Paris}}]
                  objectives: [{op: gte, value: 3, target: 0.9}]
                ---
                apiVersion: openslo/v1alpha
                kind: SLO
                metadata: {name: old}
                """);
        assertThat(r.slos()).isEmpty();
        assertThat(r.errors()).contains(
                "openslo.yaml: document 1 (SLO prom) spec.indicator.spec.thresholdMetric.metricSource.type: 'Prometheus' is not supported; "
                        + "Vigil imports metric sources of type Vigil that name a service (spec.service) and optionally an endpoint (spec.endpoint)",
                "openslo.yaml: document 1 (SLO prom) spec.budgetingMethod: only Occurrences is supported, got 'Timeslices'",
                "openslo.yaml: document 1 (SLO prom) spec.timeWindow[0].calendar.timeZone: only UTC calendars are supported, got 'Europe/Paris'",
                "openslo.yaml: document 2 (SLO old) apiVersion: only openslo/v1 is supported, got 'openslo/v1alpha'");
    }
}
