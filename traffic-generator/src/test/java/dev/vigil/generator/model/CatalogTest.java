package dev.vigil.generator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.vigil.avro.Outcome;
import dev.vigil.generator.format.ContractDecoder;

class CatalogTest {

    @Test
    void twelveRealisticServicesCoverEveryRawFormat() {
        assertThat(Catalog.defaults()).extracting(ServiceProfile::name).containsExactly("checkout", "search", "payments", "catalog",
                "auth", "cart", "recommendations", "inventory", "shipping", "reviews", "profile", "notifications");
        assertThat(Catalog.defaults()).extracting(ServiceProfile::format).containsAll(Arrays.asList(RawFormat.values()));
        assertThat(Catalog.defaults().stream().flatMap(p -> p.regions().stream()).distinct()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void moreServicesRepeatTheShapesUnderNewNames() {
        var services = Catalog.services(30);
        assertThat(services).hasSize(30);
        assertThat(services.get(12).name()).isEqualTo("service-13");
        assertThat(services.get(12).format()).isEqualTo(services.get(0).format());
        assertThat(services.stream().map(ServiceProfile::name).distinct()).hasSize(30);
        assertThat(Catalog.services(3)).extracting(ServiceProfile::name).containsExactly("checkout", "search", "payments");
    }

    @Test
    void concretePathsTemplateBackToTheirEndpointByTheContractRules() {
        SplittableRandom rng = new SplittableRandom(3);
        for (ServiceProfile p : Catalog.defaults()) {
            for (EndpointSpec ep : p.endpoints()) {
                for (int i = 0; i < 200; i++) {
                    String path = ep.samplePath(rng);
                    assertThat(ContractDecoder.template(ep.method(), path)).as(path).isEqualTo(ep.endpoint());
                    assertThat(ContractDecoder.template(ep.method(), path + "?page=2")).isEqualTo(ep.endpoint());
                }
                assertThat(ep.endpoint()).matches("(GET|POST|PUT|PATCH|DELETE) /[A-Za-z0-9/{}._-]*");
            }
        }
    }

    @Test
    void idsTakeEveryShapeTheTemplatingKnows() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 500; i++) {
            assertThat(IdKind.NUMBER.sample(rng)).matches("\\d+");
            assertThat(IdKind.UUID.sample(rng)).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(IdKind.HEX.sample(rng)).matches("[0-9a-f]{8,40}");
            assertThat(IdKind.TOKEN.sample(rng)).matches("[A-Za-z0-9_-]{16,32}").matches(".*\\d.*");
        }
    }

    @Test
    void classificationFollowsTheContract() {
        assertThat(Classification.outcome(200, null)).isEqualTo(Outcome.OK);
        assertThat(Classification.outcome(304, null)).isEqualTo(Outcome.OK);
        assertThat(Classification.outcome(404, null)).isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(Classification.outcome(429, null)).isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(Classification.outcome(500, null)).isEqualTo(Outcome.AVAILABILITY_ERROR);
        assertThat(Classification.outcome(504, null)).isEqualTo(Outcome.AVAILABILITY_ERROR);
        assertThat(Classification.outcome(null, null)).as("no response").isEqualTo(Outcome.AVAILABILITY_ERROR);
        assertThat(Classification.outcome(0, null)).as("Envoy 0").isEqualTo(Outcome.AVAILABILITY_ERROR);
        for (int code : new int[] {14, 4, 13, 2, 15}) {
            assertThat(Classification.outcome(null, code)).as("gRPC " + code).isEqualTo(Outcome.AVAILABILITY_ERROR);
        }
        for (int code : new int[] {0, 3, 5, 7, 8, 16}) {
            assertThat(Classification.outcome(null, code)).as("gRPC " + code).isEqualTo(Outcome.OK);
        }
        assertThat(Classification.outcome(200, 14)).as("gRPC failure over HTTP 200").isEqualTo(Outcome.AVAILABILITY_ERROR);
    }

    @Test
    void badProfilesAreRefused() {
        assertThatThrownBy(() -> new StatusMix(0.5, 0.5, 0.1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EndpointSpec.of("GET carts", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServiceProfile("Checkout", RawFormat.ALB, 1, java.util.List.of("eu-west-1"),
                Catalog.defaults().get(0).endpoints(), LatencyModel.typical(10), new StatusMix(0, 0, 0, 0)))
                .hasMessageContaining("lowercase");
    }
}
