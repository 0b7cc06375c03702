package dev.vigil.normalizer.normalize;

/**
 * At most {@code cap} distinct endpoints per service: the endpoints seen first are kept, every new
 * one after that becomes {@link Endpoints#OTHER}. The catalog is the caller's state (a state store
 * in the topology, keyed by service so that one task sees all of a service's endpoints).
 */
public final class EndpointCap {

    /** Known endpoints per service. */
    public interface Catalog {
        boolean contains(String service, String endpoint);

        int size(String service);

        void add(String service, String endpoint);
    }

    private EndpointCap() {
    }

    /** The endpoint to publish: {@code endpoint} itself, or {@link Endpoints#OTHER} once the cap is reached. */
    public static String apply(Catalog catalog, String service, String endpoint, int cap) {
        if (catalog.contains(service, endpoint)) {
            return endpoint;
        }
        if (catalog.size(service) >= cap) {
            return Endpoints.OTHER;
        }
        catalog.add(service, endpoint);
        return endpoint;
    }
}
