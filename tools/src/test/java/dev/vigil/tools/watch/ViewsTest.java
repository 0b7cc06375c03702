package dev.vigil.tools.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ViewsTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode read(String s) throws Exception {
        return json.readTree(s);
    }

    @Test
    void servicesComeFromTheAggregatorContract() throws Exception {
        JsonNode list = read("""
                [{"service":"search","total":1200,"availability":0.9995,"errorRatio":0.0005,"p99Ms":210.4,"lastSeen":"2026-03-02T10:00:00Z"},
                 {"service":"checkout","total":700,"availability":0.7,"errorRatio":0.3,"p99Ms":null,"lastSeen":"2026-03-02T10:00:00Z"}]""");
        List<ServiceRow> rows = Views.services(list, Map.of("checkout", -0.5), Map.of("checkout", 2));
        assertThat(rows).extracting(ServiceRow::service).containsExactly("checkout", "search");
        assertThat(rows.get(0)).isEqualTo(new ServiceRow("checkout", 700, 0.7, 0.3, null, -0.5, 2));
        assertThat(rows.get(1).budgetLeft()).isNull();
        assertThat(Views.services(null, Map.of(), Map.of())).isEmpty();
    }

    @Test
    void theBudgetIsReadAsAFractionOrFromEvents() throws Exception {
        assertThat(Views.budgetRemaining(read("{\"budget\":{\"remainingFraction\":0.25}}"))).contains(0.25);
        assertThat(Views.budgetRemaining(read("{\"budget\":{\"total\":1000,\"consumed\":600,\"remaining\":400}}"))).contains(0.4);
        assertThat(Views.budgetRemaining(read("{\"budget\":{\"total\":0.001,\"remaining\":0.8}}"))).contains(0.8);
        assertThat(Views.budgetRemaining(read("{\"budget\":{\"remaining\":{\"fraction\":-0.2,\"events\":-20}}}"))).contains(-0.2);
        assertThat(Views.budgetRemaining(read("{\"budget\":{\"total\":{\"events\":200},\"remaining\":{\"events\":50}}}"))).contains(0.25);
        assertThat(Views.budgetRemaining(read("{\"budgetRemaining\":0.9}"))).contains(0.9);
        assertThat(Views.budgetRemaining(read("{\"id\":\"x\"}"))).isEmpty();
    }

    @Test
    void theAlertingServicesSloStatusIsRead() throws Exception {
        List<JsonNode> slos = Views.items(read("""
                [{"id":"checkout-availability","definition":{"id":"checkout-availability","service":"checkout","sli":"availability",
                  "target":0.999,"period":"30d"},"origin":"api",
                  "sli":{"value":0.97,"good":970,"total":1000},
                  "errorBudget":{"allowedErrorRatio":0.001,"totalEvents":1.0,"consumedEvents":30,"remainingEvents":-29.0,
                                 "consumed":30.0,"remaining":-29.0},
                  "burnRates":[{"severity":"page","burnRate":14.4,"longWindow":"5m","shortWindow":"1m","longBurnRate":30.0,
                                "shortBurnRate":30.0,"longEvents":1000,"shortEvents":200,"conditionMet":true}]},
                 {"id":"search-latency","definition":{"service":"search"},
                  "errorBudget":{"allowedErrorRatio":0.01,"totalEvents":50.0,"consumedEvents":5,"remainingEvents":45.0,
                                 "consumed":0.1,"remaining":0.9}}]"""));
        assertThat(Views.budgets(slos)).isEqualTo(Map.of("checkout", -29.0, "search", 0.9));
    }

    @Test
    void eachServiceShowsItsWorstBudget() throws Exception {
        List<JsonNode> slos = Views.items(read("""
                {"slos":[{"id":"a","service":"checkout","budget":{"remainingFraction":0.9}},
                         {"id":"b","service":"checkout","budget":{"remainingFraction":0.1}},
                         {"id":"c","slo":{"service":"search"},"budget":{"remainingFraction":0.5}}]}"""));
        assertThat(Views.budgets(slos)).isEqualTo(Map.of("checkout", 0.1, "search", 0.5));
    }

    @Test
    void theScreenShowsAlertsAndServices() {
        AlertLine firing = new AlertLine("f1", Instant.parse("2026-03-02T10:01:42Z"), true, "SLOBurnRate", "page", "checkout",
                "checkout-availability", "5m", "1m", 180.2, 250.3, -0.35);
        AlertLine resolved = new AlertLine("f1", Instant.parse("2026-03-02T10:04:10Z"), false, "SLOBurnRate", "page", "checkout",
                "checkout-availability", "5m", "1m", 2.0, 0.5, -0.4);
        Snapshot s = new Snapshot(Instant.parse("2026-03-02T10:05:00Z"), Instant.parse("2026-03-02T10:07:30Z"), "incident at +1m",
                Screen.newestFirst(List.of(firing, resolved), 12),
                List.of(new ServiceRow("checkout", 12_345, 0.9912, 0.0088, 230.4, -0.35, 0)), List.of("alerting: HTTP 404"));
        String text = new Screen(false).render(s);
        assertThat(text).contains("10:05:00 UTC").contains("2:30 left").contains("incident at +1m");
        assertThat(text.indexOf("RESOLVED")).as("newest first").isLessThan(text.indexOf("FIRING"));
        assertThat(text).contains("10:01:42  FIRING    page    checkout").contains("burn 5m 180.2x / 1m 250.3x").contains("budget left -35.0%");
        assertThat(text).contains("checkout").contains("12,345").contains("99.120%").contains("0.88%").contains("230 ms").contains("-35.0%");
        assertThat(text).contains("! alerting: HTTP 404").doesNotContain("\u001b[");
        assertThat(new Screen(true).render(s)).contains("\u001b[31m");
    }
}
