package dev.vigil.normalizer.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.vigil.normalizer.parse.RawRequest;

class ServiceRuleTest {

    private static RawRequest withUpstream(String cluster, String authority) {
        return RawRequest.builder().timestampMs(1).upstreamCluster(cluster).authority(authority).build();
    }

    @Test
    void defaultEnvoyRulesFollowTheContract() {
        SourceSpec envoy = SourceSpec.defaults().stream().filter(s -> s.name().equals("envoy")).findFirst().orElseThrow();
        assertThat(envoy.rules().get(0).apply(withUpstream("outbound|8080||checkout.prod.svc.cluster.local", null)).service())
                .isEqualTo("checkout");
        assertThat(envoy.rules().get(0).apply(withUpstream("inbound|8080||", null))).isNull();
        assertThat(envoy.rules().get(1).apply(withUpstream(null, "checkout.prod.svc.cluster.local:8080")).service()).isEqualTo("checkout");
        assertThat(envoy.rules().get(1).apply(withUpstream(null, "checkout.example.com")).service()).isEqualTo("checkout");
        assertThat(envoy.rules().get(1).apply(withUpstream(null, "10.0.0.5:8080"))).isNull();
    }

    @Test
    void defaultIngressAndAlbRules() {
        SourceSpec nginx = SourceSpec.defaults().get(0);
        ServiceRule ingress = nginx.rules().get(0);
        assertThat(ingress.apply(RawRequest.builder().timestampMs(1).ingressService("prod-checkout-80").build()).service()).isEqualTo("checkout");
        assertThat(ingress.apply(RawRequest.builder().timestampMs(1).ingressService("prod-user-profile-8080").build()).service())
                .isEqualTo("user-profile");
        SourceSpec alb = SourceSpec.defaults().stream().filter(s -> s.name().equals("alb")).findFirst().orElseThrow();
        ServiceRule.Match m = alb.rules().get(0).apply(RawRequest.builder().timestampMs(1)
                .targetGroup("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/checkout/73e2d6bc24d8a067").build());
        assertThat(m).isEqualTo(new ServiceRule.Match("checkout", "eu-west-1"));
    }

    @Test
    void templatesExpandNumberedAndNamedGroupsAndBadRulesFailEarly() {
        ServiceRule r = ServiceRule.of("host", "(?<svc>[a-z]+)\\.(?<zone>[a-z0-9-]+)\\.internal", "svc-${svc}-$1", "${zone}");
        assertThat(r.apply(RawRequest.builder().timestampMs(1).host("orders.us-east-1a.internal").build()))
                .isEqualTo(new ServiceRule.Match("svc-orders-orders", "us-east-1a"));
        assertThat(r.apply(RawRequest.builder().timestampMs(1).host("x".repeat(600)).build())).isNull();
        assertThatThrownBy(() -> ServiceRule.of("hostname", "x", "y", null)).hasMessageContaining("known fields");
        assertThatThrownBy(() -> ServiceRule.of("host", "(unclosed", "y", null)).hasMessageContaining("invalid service rule regex");
        assertThatThrownBy(() -> ServiceRule.of("host", "(a)", "$2", null)).hasMessageContaining("group 2");
        assertThatThrownBy(() -> ServiceRule.of("host", "(a)", "${nope}", null)).hasMessageContaining("nope");
    }
}
