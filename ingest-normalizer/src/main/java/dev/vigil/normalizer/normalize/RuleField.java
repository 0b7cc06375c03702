package dev.vigil.normalizer.normalize;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import dev.vigil.normalizer.parse.RawRequest;

/** The request fields a service rule can match, by their configuration names. */
public enum RuleField {
    HOST("host", RawRequest::host),
    AUTHORITY("authority", RawRequest::authority),
    UPSTREAM_CLUSTER("upstream-cluster", RawRequest::upstreamCluster),
    TARGET_GROUP("target-group", RawRequest::targetGroup),
    INGRESS_SERVICE("ingress-service", RawRequest::ingressService),
    LOAD_BALANCER("load-balancer", RawRequest::loadBalancer),
    SERVICE_NAME("service-name", RawRequest::serviceName),
    PATH("path", r -> r.target() != null ? r.target() : r.route());

    private final String id;
    private final Function<RawRequest, String> read;

    RuleField(String id, Function<RawRequest, String> read) {
        this.id = id;
        this.read = read;
    }

    public String id() {
        return id;
    }

    String valueOf(RawRequest request) {
        return read.apply(request);
    }

    public static RuleField of(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (RuleField f : values()) {
            if (f.id.equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown rule field '" + id + "'; known fields: "
                + String.join(", ", Arrays.stream(values()).map(RuleField::id).toList()));
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(RuleField::id).toList();
    }
}
