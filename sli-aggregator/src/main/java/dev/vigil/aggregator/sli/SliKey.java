package dev.vigil.aggregator.sli;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import dev.vigil.avro.SliScope;

/**
 * What a window aggregates: a whole service, a service x endpoint, or a service x region.
 *
 * <p>Its byte form, the state-store key, starts with the service ({@code service 0x00 scope-tag
 * dimension}) so that one range scan finds every key of a service, or of one scope of a service.
 * UTF-8 never contains 0xFF, which makes {@code prefix 0xFF} an upper bound of every key with that prefix.
 */
public record SliKey(String service, SliScope scope, String dimension) {

    private static final byte SEPARATOR = 0x00;
    private static final byte UPPER = (byte) 0xFF;

    public SliKey {
        Objects.requireNonNull(scope, "scope");
        if (service == null || service.isEmpty()) {
            throw new IllegalArgumentException("service must not be empty");
        }
        if (service.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("service must not contain NUL characters");
        }
        if ((scope == SliScope.SERVICE) != (dimension == null)) {
            throw new IllegalArgumentException(scope == SliScope.SERVICE ? "a SERVICE key has no dimension"
                    : "a " + scope + " key needs a dimension");
        }
    }

    public static SliKey service(String service) {
        return new SliKey(service, SliScope.SERVICE, null);
    }

    public static SliKey endpoint(String service, String endpoint) {
        return new SliKey(service, SliScope.ENDPOINT, endpoint);
    }

    public static SliKey region(String service, String region) {
        return new SliKey(service, SliScope.REGION, region);
    }

    public byte[] toBytes() {
        byte[] s = service.getBytes(StandardCharsets.UTF_8);
        byte[] d = dimension == null ? new byte[0] : dimension.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[s.length + 2 + d.length];
        System.arraycopy(s, 0, out, 0, s.length);
        out[s.length] = SEPARATOR;
        out[s.length + 1] = tag(scope);
        System.arraycopy(d, 0, out, s.length + 2, d.length);
        return out;
    }

    public static SliKey fromBytes(byte[] bytes) {
        int sep = -1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == SEPARATOR) {
                sep = i;
                break;
            }
        }
        if (sep <= 0 || sep + 1 >= bytes.length) {
            throw new IllegalArgumentException("not an SLI key");
        }
        String service = new String(bytes, 0, sep, StandardCharsets.UTF_8);
        SliScope scope = scope(bytes[sep + 1]);
        String dimension = scope == SliScope.SERVICE ? null
                : new String(bytes, sep + 2, bytes.length - sep - 2, StandardCharsets.UTF_8);
        return new SliKey(service, scope, dimension);
    }

    /** Inclusive byte bounds of a range scan. */
    public record Range(byte[] from, byte[] to) {
    }

    /** Every key of {@code service}. */
    public static Range of(String service) {
        byte[] prefix = prefix(service, 1);
        return new Range(prefix, upper(prefix));
    }

    /** Every key of one scope of {@code service}. */
    public static Range of(String service, SliScope scope) {
        byte[] prefix = prefix(service, 2);
        prefix[prefix.length - 1] = tag(scope);
        return new Range(prefix, upper(prefix));
    }

    private static byte[] prefix(String service, int extra) {
        byte[] s = service.getBytes(StandardCharsets.UTF_8);
        byte[] p = Arrays.copyOf(s, s.length + extra);
        p[s.length] = SEPARATOR;
        return p;
    }

    private static byte[] upper(byte[] prefix) {
        byte[] u = Arrays.copyOf(prefix, prefix.length + 1);
        u[prefix.length] = UPPER;
        return u;
    }

    private static byte tag(SliScope scope) {
        return switch (scope) {
            case SERVICE -> 'S';
            case ENDPOINT -> 'E';
            case REGION -> 'R';
        };
    }

    private static SliScope scope(byte tag) {
        return switch (tag) {
            case 'S' -> SliScope.SERVICE;
            case 'E' -> SliScope.ENDPOINT;
            case 'R' -> SliScope.REGION;
            default -> throw new IllegalArgumentException("unknown scope tag " + tag);
        };
    }
}
