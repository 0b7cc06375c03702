package dev.vigil.console.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The console's HTTP surface against real upstream servers: forwarding, failures, the page. */
@QuarkusTest
@QuarkusTestResource(value = UpstreamsResource.class, restrictToAnnotatedClass = true)
class ConsoleApiTest {

    FakeUpstream aggregator;

    @BeforeEach
    void clear() {
        aggregator.clear();
    }

    @Test
    void forwardsGetsWithTheirQueryAndPassesStatusTypeAndVigilHeaders() {
        given().urlEncodingEnabled(false).when().get("/api/aggregator/v1/services?hours=2&x=a%20b").then()
                .statusCode(200)
                .contentType(startsWith("application/json"))
                .header("X-Vigil-Served-By", "127.0.0.1:9999")
                .header("X-Vigil-Stale", "standby; lag=42")
                .header("X-Internal-Secret", nullValue())
                .header("Cache-Control", "no-store")
                .body("[0].service", equalTo("checkout"));
        assertThat(aggregator.seen()).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("GET");
            assertThat(s.rawPath()).isEqualTo("/api/v1/services");
            assertThat(s.rawQuery()).isEqualTo("hours=2&x=a%20b");
            assertThat(s.accept()).isEqualTo("application/json");
        });
    }

    @Test
    void keepsEncodedCharactersOfServiceNames() {
        given().urlEncodingEnabled(false).when().get("/api/aggregator/v1/services/user%20profile%2Fv2/sli?from=1&to=2").then()
                .statusCode(200);
        assertThat(aggregator.seen()).singleElement()
                .satisfies(s -> assertThat(s.rawPath()).isEqualTo("/api/v1/services/user%20profile%2Fv2/sli"));
    }

    @Test
    void passesUpstreamErrorsThroughAsTheyAre() {
        given().when().get("/api/aggregator/v1/rebalancing").then()
                .statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", "2")
                .body("detail", equalTo("rebalancing"));
        given().when().get("/api/aggregator/nothing-here").then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("no such resource: /api/nothing-here"));
    }

    @Test
    void answers502NamingTheUpstreamThatIsUnreachable() {
        given().when().get("/api/alerting/v1/alerts?state=firing").then()
                .statusCode(502)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(502))
                .body("title", equalTo("Bad Gateway"))
                .body("upstream", equalTo("alerting"))
                .body("detail", containsString("the alerting at http://127.0.0.1:"))
                .body("detail", containsString("is unreachable: connection refused"))
                .body("instance", equalTo("/api/alerting/v1/alerts"));
    }

    @Test
    void answers504WhenTheUpstreamIsTooSlow() {
        long start = System.nanoTime();
        given().when().get("/api/aggregator/v1/slow").then()
                .statusCode(504)
                .contentType(startsWith("application/problem+json"))
                .body("upstream", equalTo("sli-aggregator"))
                .body("detail", containsString("did not answer within 1000 ms"));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_900);
    }

    @Test
    void isReadOnly() {
        given().body("{}").contentType("application/json").when().post("/api/aggregator/v1/services").then()
                .statusCode(405)
                .contentType(startsWith("application/problem+json"))
                .header("Allow", "GET")
                .body("detail", containsString("read-only"));
        given().when().delete("/api/alerting/v1/slos/checkout").then().statusCode(405);
        given().body("slos: []".getBytes(java.nio.charset.StandardCharsets.UTF_8)).contentType("application/yaml").when()
                .put("/api/alerting/v1/slos/x").then().statusCode(405);
        assertThat(aggregator.seen()).isEmpty();
    }

    @Test
    void refusesPathsThatWouldLeaveTheApi() {
        // Vert.x may resolve dot segments itself (then nothing matches: 404); if they reach the proxy it refuses them (400).
        for (String path : new String[] {"/api/aggregator/v1/%2e%2e/%2e%2e/q/metrics", "/api/aggregator/%2E%2E/q/health",
                "/api/aggregator/v1/a%00b", "/api/aggregator/v1/%2e%2e%2f%2e%2e%2fq/metrics"}) {
            int status = given().urlEncodingEnabled(false).when().get(path).then()
                    .contentType(startsWith("application/problem+json")).extract().statusCode();
            assertThat(status).as(path).isIn(400, 404);
        }
        given().when().get("/api/aggregator/").then().statusCode(400).body("detail", containsString("a path under the API is required"));
        assertThat(aggregator.seen()).isEmpty();
    }

    @Test
    void unknownConsolePathsAreProblems() {
        given().when().get("/api/nothing").then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("no such resource: /api/nothing"));
    }

    @Test
    void tellsThePageHowOftenToRefresh() {
        given().when().get("/api/console/settings").then()
                .statusCode(200)
                .body("refreshSeconds", equalTo(3))
                .body("staleAfterSeconds", equalTo(180))
                .body("aggregatorBase", equalTo("/api/aggregator"))
                .body("alertingBase", equalTo("/api/alerting"));
    }

    @Test
    void servesTheBuiltPageWithItsOwnAssetsOnly() {
        Response page = given().when().get("/");
        page.then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Cache-Control", "no-cache")
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .body(containsString("<div id=\"app\"></div>"));
        String html = page.asString();
        assertThat(html).doesNotContain("http://", "https://");
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(html);
        assertThat(script.find()).as("the page loads its script from /assets: %s", html).isTrue();
        given().when().get(script.group(1)).then()
                .statusCode(200)
                .contentType(containsString("javascript"))
                .header("Cache-Control", containsString("immutable"));
        Matcher css = Pattern.compile("href=\"(/assets/[^\"]+\\.css)\"").matcher(html);
        assertThat(css.find()).isTrue();
        given().when().get(css.group(1)).then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void healthIsUpWithoutUpstreams() {
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
