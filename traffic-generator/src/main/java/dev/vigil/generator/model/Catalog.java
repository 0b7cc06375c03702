package dev.vigil.generator.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The default population of services. The first twelve are hand-made (names, endpoints, latency,
 * status mixes, regions) and together use every raw format; more services repeat their shapes
 * under the names {@code service-13}, {@code service-14}, ...
 */
public final class Catalog {

    private Catalog() {
    }

    private static final List<String> EU_US = List.of("eu-west-1", "us-east-1");
    private static final List<String> ALL = List.of("eu-west-1", "us-east-1", "ap-southeast-2");

    private static final List<ServiceProfile> BASE = List.of(
            new ServiceProfile("checkout", RawFormat.NGINX_TIMED, 12, EU_US, List.of(
                    EndpointSpec.of("POST /checkout/sessions", 3, 1.6),
                    EndpointSpec.of("GET /checkout/sessions/{uuid}", 5, 0.8),
                    EndpointSpec.of("POST /checkout/sessions/{uuid}/confirm", 2, 2.5),
                    EndpointSpec.of("GET /carts/{number}", 6, 0.6)),
                    LatencyModel.typical(45), new StatusMix(0.01, 0.02, 0.0008, 0)),
            new ServiceProfile("search", RawFormat.INGRESS_NGINX, 18, ALL, List.of(
                    EndpointSpec.of("GET /search", 10, 1.0),
                    EndpointSpec.of("GET /search/suggest", 6, 0.3),
                    EndpointSpec.of("GET /search/facets/{number}", 2, 0.7)),
                    LatencyModel.typical(60), new StatusMix(0.005, 0.015, 0.0005, 0)),
            new ServiceProfile("payments", RawFormat.ENVOY_TEXT, 6, EU_US, List.of(
                    EndpointSpec.of("POST /payments", 4, 2.0),
                    EndpointSpec.of("GET /payments/{uuid}", 5, 0.7),
                    EndpointSpec.of("POST /payments/{uuid}/refunds", 1, 2.2)),
                    LatencyModel.typical(120), new StatusMix(0, 0.03, 0.0005, 0.0002)),
            new ServiceProfile("catalog", RawFormat.ISTIO_JSON, 14, ALL, List.of(
                    EndpointSpec.of("GET /products/{number}", 10, 1.0),
                    EndpointSpec.of("GET /products/{number}/variants", 3, 1.2),
                    EndpointSpec.of("GET /categories/{number}/products", 4, 1.8)),
                    LatencyModel.typical(25), new StatusMix(0.03, 0.02, 0.0003, 0.0001)),
            new ServiceProfile("auth", RawFormat.ALB, 9, EU_US, List.of(
                    EndpointSpec.of("POST /v1/sessions", 4, 1.5),
                    EndpointSpec.of("GET /v1/sessions/{token}", 6, 0.5),
                    EndpointSpec.of("DELETE /v1/sessions/{token}", 1, 0.6),
                    EndpointSpec.of("POST /v1/tokens/refresh", 3, 1.0)),
                    LatencyModel.typical(30), new StatusMix(0.002, 0.05, 0.0004, 0.0002)),
            new ServiceProfile("cart", RawFormat.OTLP_HTTP, 10, ALL, List.of(
                    EndpointSpec.of("GET /carts/{uuid}", 6, 0.8),
                    EndpointSpec.of("POST /carts/{uuid}/items", 4, 1.4),
                    EndpointSpec.of("DELETE /carts/{uuid}/items/{number}", 1, 1.0)),
                    LatencyModel.typical(35), new StatusMix(0, 0.02, 0.0005, 0.0001)),
            new ServiceProfile("recommendations", RawFormat.OTLP_GRPC, 7, EU_US, List.of(
                    EndpointSpec.of("POST /recommendations.Recommender/GetRecommendations", 8, 1.0),
                    EndpointSpec.of("POST /recommendations.Recommender/GetSimilarItems", 3, 1.3)),
                    LatencyModel.typical(80), new StatusMix(0, 0.01, 0.0008, 0.0003)),
            new ServiceProfile("inventory", RawFormat.CANONICAL, 8, ALL, List.of(
                    EndpointSpec.of("GET /items/{number}/stock", 8, 1.0),
                    EndpointSpec.of("PUT /items/{number}/reservations/{uuid}", 3, 1.6),
                    EndpointSpec.of("GET /warehouses/{number}", 1, 0.7)),
                    LatencyModel.typical(20), new StatusMix(0.001, 0.01, 0.0005, 0.0001)),
            new ServiceProfile("shipping", RawFormat.APACHE, 4, List.of("us-east-1"), List.of(
                    EndpointSpec.of("GET /shipments/{hex}", 5, 1.0),
                    EndpointSpec.of("POST /shipments", 2, 2.0),
                    EndpointSpec.of("GET /rates", 3, 1.5)),
                    LatencyModel.typical(90), new StatusMix(0.01, 0.02, 0.001, 0)),
            new ServiceProfile("reviews", RawFormat.ELB_CLASSIC, 5, List.of("eu-west-1"), List.of(
                    EndpointSpec.of("GET /products/{number}/reviews", 7, 1.0),
                    EndpointSpec.of("POST /products/{number}/reviews", 1, 1.8),
                    EndpointSpec.of("GET /reviews/{hex}", 2, 0.8)),
                    LatencyModel.typical(40), new StatusMix(0.002, 0.02, 0.0005, 0)),
            new ServiceProfile("profile", RawFormat.ENVOY_TEXT, 4, ALL, List.of(
                    EndpointSpec.of("GET /users/{uuid}/profile", 6, 1.0),
                    EndpointSpec.of("PATCH /users/{uuid}/profile", 1, 1.7),
                    EndpointSpec.of("GET /users/{uuid}/avatar", 3, 0.5)),
                    LatencyModel.typical(35), new StatusMix(0.04, 0.03, 0.0004, 0.0001)),
            new ServiceProfile("notifications", RawFormat.NGINX_COMBINED, 3, EU_US, List.of(
                    EndpointSpec.of("POST /notifications", 3, 1.0),
                    EndpointSpec.of("GET /notifications/{token}", 2, 0.6),
                    EndpointSpec.of("GET /users/{uuid}/notifications", 4, 1.2)),
                    LatencyModel.typical(50), new StatusMix(0.0, 0.02, 0.0005, 0)));

    /** The default 12. */
    public static List<ServiceProfile> defaults() {
        return BASE;
    }

    /** {@code n} services: the first twelve as above, then copies of their shapes named {@code service-N}. */
    public static List<ServiceProfile> services(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("at least one service");
        }
        List<ServiceProfile> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ServiceProfile base = BASE.get(i % BASE.size());
            out.add(i < BASE.size() ? base
                    : new ServiceProfile("service-" + (i + 1), base.format(), base.weight(), base.regions(), base.endpoints(),
                            base.latency(), base.statuses()));
        }
        return out;
    }
}
