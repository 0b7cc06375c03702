package dev.vigil.aggregator.sli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

import dev.vigil.avro.SliScope;

class SliKeyTest {

    @Test
    void roundTrips() {
        for (SliKey key : List.of(SliKey.service("checkout"), SliKey.endpoint("checkout", "GET /carts/{id}"),
                SliKey.region("checkout", "eu-west-1"), SliKey.endpoint("sérvice-ü", "POST /ünïcode/{id}"))) {
            assertThat(SliKey.fromBytes(key.toBytes())).isEqualTo(key);
        }
    }

    @Test
    void aServiceRangeHoldsExactlyThatServicesKeys() {
        SliKey.Range range = SliKey.of("a");
        assertThat(inside(range, SliKey.service("a"))).isTrue();
        assertThat(inside(range, SliKey.endpoint("a", "GET /"))).isTrue();
        assertThat(inside(range, SliKey.region("a", "zz"))).isTrue();
        assertThat(inside(range, SliKey.service("ab"))).isFalse();
        assertThat(inside(range, SliKey.endpoint("a-b", "GET /"))).isFalse();
        assertThat(inside(range, SliKey.service("0"))).isFalse();
    }

    @Test
    void aScopeRangeHoldsOnlyThatScope() {
        SliKey.Range endpoints = SliKey.of("a", SliScope.ENDPOINT);
        assertThat(inside(endpoints, SliKey.endpoint("a", "GET /x"))).isTrue();
        assertThat(inside(endpoints, SliKey.endpoint("a", "\uFFFF"))).isTrue();
        assertThat(inside(endpoints, SliKey.service("a"))).isFalse();
        assertThat(inside(endpoints, SliKey.region("a", "eu"))).isFalse();
        assertThat(inside(endpoints, SliKey.endpoint("ab", "GET /x"))).isFalse();
    }

    @Test
    void rejectsKeysThatWouldBeAmbiguous() {
        assertThatThrownBy(() -> SliKey.service("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SliKey.service("a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SliKey("a", SliScope.ENDPOINT, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SliKey("a", SliScope.SERVICE, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean inside(SliKey.Range range, SliKey key) {
        Bytes k = Bytes.wrap(key.toBytes());
        return k.compareTo(Bytes.wrap(range.from())) >= 0 && k.compareTo(Bytes.wrap(range.to())) <= 0;
    }
}
