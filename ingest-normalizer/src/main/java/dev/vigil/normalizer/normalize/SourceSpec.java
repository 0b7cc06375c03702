package dev.vigil.normalizer.normalize;

import java.util.List;

import dev.vigil.normalizer.parse.Format;

/**
 * One configured source: a topic, its raw format, the service used when nothing else names one
 * (null: such records are dead-lettered MISSING_FIELD) and ordered service rules (first match wins).
 */
public record SourceSpec(String name, String topic, Format format, String defaultService, List<ServiceRule> rules) {

    public SourceSpec {
        if (name == null || name.isBlank() || topic == null || topic.isBlank() || format == null) {
            throw new IllegalArgumentException("a source needs a name, a topic and a format");
        }
        defaultService = defaultService == null || defaultService.isBlank() ? null : defaultService;
        rules = List.copyOf(rules);
    }

    /**
     * The sources of the cross-module contract, the ones the traffic generator writes: service and
     * region derived exactly as documented in docs/ingest-normalizer.md.
     */
    public static List<SourceSpec> defaults() {
        return List.of(
                new SourceSpec("nginx", "raw.nginx", Format.NGINX, "nginx", List.of(
                        // ingress-nginx [$proxy_upstream_name] = namespace-service-port
                        ServiceRule.of("ingress-service", "([^-]+)-(.+)-([^-]+)", "$2", null))),
                new SourceSpec("apache", "raw.apache", Format.APACHE, "apache", List.of()),
                new SourceSpec("envoy", "raw.envoy", Format.ENVOY, "envoy", List.of(
                        // Istio: outbound|8080||checkout.prod.svc.cluster.local -> checkout
                        ServiceRule.of("upstream-cluster", "outbound\\|[^|]*\\|[^|]*\\|([A-Za-z0-9][A-Za-z0-9-]*)(\\..*)?", "$1", null),
                        // checkout.prod.svc.cluster.local:8080 or checkout.example.com -> checkout (not IP addresses)
                        ServiceRule.of("authority", "([A-Za-z][A-Za-z0-9-]*)(\\.[^:]*)?(:[0-9]+)?", "$1", null))),
                new SourceSpec("alb", "raw.alb", Format.ALB, "alb", List.of(
                        ServiceRule.of("target-group",
                                "arn:aws[a-z-]*:elasticloadbalancing:([a-z0-9-]+):[0-9]*:targetgroup/([^/]+)/.*", "$2", "$1"),
                        // Classic ELB: the load balancer name (ALB names look like app/name/id and do not match)
                        ServiceRule.of("load-balancer", "([A-Za-z0-9][A-Za-z0-9-]*)", "$1", null))),
                new SourceSpec("otlp", "raw.otlp", Format.OTLP_PROTO, null, List.of()),
                new SourceSpec("events", "raw.events", Format.CANONICAL, null, List.of()));
    }
}
