package dev.vigil.normalizer.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/users/123|/users/{id}",
            "/users/123/orders/9?page=2|/users/{id}/orders/{id}",
            "/carts/3fa85f64-5717-4562-b3fc-2c963f66afa6|/carts/{id}",
            "/blobs/9f86d081884c7d65|/blobs/{id}",
            "/assets/deadbeef/logo.png|/assets/{id}/logo.png",
            "/t/AbCdEf0123456789xyz|/t/{id}",
            "/t/abcdefghijklmnopqrstuvwxyz|/t/abcdefghijklmnopqrstuvwxyz",
            "/api/v1/health|/api/v1/health",
            "/users/alice@example.com|/users/{id}",
            "/users/alice%40example.com/x|/users/{id}/x",
            "/checkout;jsessionid=A1B2|/checkout",
            "https://shop.example.com:443/carts/42?x=1|/carts/{id}",
            "http://example.com|/",
            "/search#top|/search",
            "/|/",
            "''|/",
            "/a//b/|/a//b/",
            "checkout.CartService/GetCart|checkout.CartService/GetCart",
            "/carts/{id}|/carts/{id}" })
    void templatesPaths(String path, String expected) {
        assertThat(Endpoints.templatePath(path)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void longPathsAreCut() {
        String p = "/seg".repeat(1000);
        assertThat(Endpoints.templatePath(p)).hasSize(Endpoints.MAX_LENGTH);
        assertThat(Endpoints.endpoint("GET", "/x?y=1")).isEqualTo("GET /x");
    }
}
