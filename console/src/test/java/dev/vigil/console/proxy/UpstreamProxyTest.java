package dev.vigil.console.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class UpstreamProxyTest {

    @Test
    void resolvesUnderTheUpstreamsApi() {
        Upstream up = new Upstream("sli-aggregator", URI.create("http://agg:8081/"));
        assertThat(up.resolve("/v1/services", "hours=1")).isEqualTo(URI.create("http://agg:8081/api/v1/services?hours=1"));
        assertThat(new Upstream("a", URI.create("http://agg:8081/base")).resolve("/v1/x%2Fy", null))
                .isEqualTo(URI.create("http://agg:8081/base/api/v1/x%2Fy"));
        assertThat(up.resolve("/v1/services", "")).hasToString("http://agg:8081/api/v1/services");
    }

    @Test
    void refusesUpstreamUrlsThatAreNotHttp() {
        assertThatThrownBy(() -> new Upstream("alerting", URI.create("ftp://x/"))).hasMessageContaining("alerting URL must be an absolute http(s) URL");
        assertThatThrownBy(() -> new Upstream("alerting", URI.create("/relative"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forwardsOnlyPathsThatStayUnderTheApi() {
        UpstreamProxy.requireForwardable("/v1/services/checkout/sli");
        UpstreamProxy.requireForwardable("/v1/services/user%2Fprofile/sli");
        UpstreamProxy.requireForwardable("/v1/slos/a.b");
        for (String bad : new String[] {"", "/", "v1/x", "/v1/../q/metrics", "/v1/%2e%2e/q", "/v1/%2E/x", "/v1/a%0Ab", "/v1/%zz",
                "/" + "a".repeat(3000)}) {
            assertThatThrownBy(() -> UpstreamProxy.requireForwardable(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void saysWhyAnUpstreamCannotBeReached() throws Exception {
        UpstreamProxy proxy = new UpstreamProxy(Duration.ofSeconds(1), Duration.ofSeconds(1));
        ProxyAnswer refused = proxy.get(new Upstream("alerting", URI.create("http://127.0.0.1:" + dev.vigil.testkit.ManagedProcess.freePort())),
                "/v1/slos", null).toCompletableFuture().get();
        assertThat(refused).isInstanceOfSatisfying(ProxyAnswer.Unreachable.class,
                u -> assertThat(u.reason()).isEqualTo("connection refused"));
        ProxyAnswer unknown = proxy.get(new Upstream("alerting", URI.create("http://no-such-host.invalid:8082")), "/v1/slos", null)
                .toCompletableFuture().get();
        assertThat(unknown).isInstanceOf(ProxyAnswer.Unreachable.class);
    }
}
