package dev.vigil.app.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.app.api.ProblemException;

/**
 * Finds which instance owns a key of a state store and forwards queries there (a proxy, not a
 * redirect), like the MetadataService of Confluent's examples. During a rebalance or restore the
 * answer is 503 with Retry-After; when the active owner cannot be reached and this instance keeps a
 * standby, the caller may answer from it, marked stale.
 */
@ApplicationScoped
public class InstanceRouter {

    /** Set on forwarded requests so that an instance never forwards a request twice. */
    public static final String FORWARDED_HEADER = "X-Vigil-Forwarded";
    /** Set on answers from a standby replica: {@code standby; lag=N} (records behind the active). */
    public static final String STALE_HEADER = "X-Vigil-Stale";
    /** Which instance answered, {@code host:port}. */
    public static final String SERVED_BY_HEADER = "X-Vigil-Served-By";
    static final int RETRY_AFTER_SECONDS = 2;

    private final KafkaStreams streams;
    private final Optional<HostInfo> self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public InstanceRouter(KafkaStreams streams,
            @ConfigProperty(name = "quarkus.kafka-streams.application-server") Optional<String> applicationServer) {
        this.streams = streams;
        this.self = applicationServer.filter(s -> !s.isBlank()).map(HostInfo::buildFromEndpoint);
    }

    /** Where a key lives. */
    public sealed interface Owner permits Local, Remote {
    }

    /** This instance holds the active copy. */
    public record Local() implements Owner {
    }

    /** Another instance holds the active copy; {@code localStandby} tells whether this one keeps a standby. */
    public record Remote(HostInfo active, boolean localStandby) implements Owner {
    }

    /** An answer from another instance, passed through as it came. */
    public record Forwarded(int status, String contentType, String body, Map<String, String> headers) {
    }

    /** Which instance owns {@code key} in {@code store}; 503 while that is not known. */
    public <K> Owner owner(String store, K key, Serializer<K> keySerializer) {
        requireQueryable();
        if (self.isEmpty()) {
            return new Local();
        }
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, keySerializer);
        } catch (IllegalStateException e) {
            throw rebalancing("metadata for store " + store + " is not available yet");
        }
        if (metadata == null || metadata == KeyQueryMetadata.NOT_AVAILABLE) {
            throw rebalancing("metadata for store " + store + " is not available yet");
        }
        if (isSelf(metadata.activeHost())) {
            return new Local();
        }
        return new Remote(metadata.activeHost(), metadata.standbyHosts().stream().anyMatch(this::isSelf));
    }

    /** Every instance that hosts {@code store} (active), this one included. */
    public Collection<HostInfo> instances(String store) {
        requireQueryable();
        if (self.isEmpty()) {
            return List.of(HostInfo.unavailable());
        }
        Collection<StreamsMetadata> all = streams.streamsMetadataForStore(store);
        return all.stream().map(StreamsMetadata::hostInfo).distinct().toList();
    }

    /** Every instance of the application, this one included, whatever stores they host. */
    public Set<HostInfo> allInstances() {
        requireQueryable();
        if (self.isEmpty()) {
            return Set.of(HostInfo.unavailable());
        }
        return streams.metadataForAllStreamsClients().stream().map(StreamsMetadata::hostInfo)
                .collect(Collectors.toSet());
    }

    public boolean isSelf(HostInfo host) {
        return self.isEmpty() || host.equals(HostInfo.unavailable()) || self.get().equals(host);
    }

    public String selfName() {
        return self.map(h -> h.host() + ":" + h.port()).orElse("local");
    }

    /** A store of this instance; 503 with Retry-After while it is migrating or restoring. */
    public <T> T store(StoreQueryParameters<T> parameters) {
        requireQueryable();
        try {
            return streams.store(parameters);
        } catch (InvalidStateStoreException e) {
            throw rebalancing("store " + parameters.storeName() + " is not queryable here right now (" + e.getMessage() + ")");
        }
    }

    /**
     * The answer for one key: proxied from the active owner when that is another instance, else
     * computed here ({@code local} gets {@code false}). When the owner cannot be reached and this
     * instance keeps a standby, computed here from it ({@code local} gets {@code true}: read stale
     * stores, mark the answer with {@link #staleMarker}); without a standby, 503.
     */
    public <A> A answer(Owner owner, String pathAndQuery, boolean alreadyForwarded, Function<Forwarded, A> proxied,
            Function<Boolean, A> local) {
        if (owner instanceof Remote remote) {
            try {
                return proxied.apply(forward(remote.active(), pathAndQuery, alreadyForwarded));
            } catch (OwnerUnreachableException e) {
                if (!remote.localStandby()) {
                    throw e;
                }
                return local.apply(true);
            }
        }
        return local.apply(false);
    }

    /** The {@link #STALE_HEADER} value of an answer read from this instance's standby of {@code store}. */
    public String staleMarker(String store) {
        return "standby; lag=" + standbyLag(store);
    }

    /** Records this instance's standby of {@code store} is behind its active, summed over partitions. */
    public long standbyLag(String store) {
        Map<String, Map<Integer, LagInfo>> lags = streams.allLocalStorePartitionLags();
        return lags.getOrDefault(store, Map.of()).values().stream().mapToLong(LagInfo::offsetLag).sum();
    }

    /**
     * Whether this instance keeps a copy (active or standby) of every partition {@code host} is active
     * for, so that it can answer that host's part of an all-keys question while the host is down.
     */
    public boolean coversFor(HostInfo host) {
        Collection<StreamsMetadata> clients = streams.metadataForAllStreamsClients();
        Set<TopicPartition> theirs = clients.stream().filter(m -> m.hostInfo().equals(host))
                .flatMap(m -> m.topicPartitions().stream()).collect(Collectors.toSet());
        Set<TopicPartition> ours = clients.stream().filter(m -> isSelf(m.hostInfo()))
                .flatMap(m -> Stream.concat(m.topicPartitions().stream(), m.standbyTopicPartitions().stream()))
                .collect(Collectors.toSet());
        return ours.containsAll(theirs);
    }

    /**
     * Every instance's own part of an all-keys answer, handed to {@code add}: this instance's from
     * {@code local}, the others' fetched with {@link #partFrom}. An unreachable instance is skipped
     * when this one keeps a copy of all its partitions ({@link #coversFor}); otherwise its error
     * stands. Returns whether one was skipped: the caller then adds its own standby part, marked
     * stale.
     */
    public <T> boolean gather(String pathAndQuery, ObjectMapper json, TypeReference<List<T>> type, Supplier<List<T>> local,
            Consumer<List<T>> add) {
        boolean standIn = false;
        for (HostInfo host : allInstances()) {
            if (isSelf(host)) {
                add.accept(local.get());
                continue;
            }
            try {
                add.accept(partFrom(host, pathAndQuery, json, type));
            } catch (OwnerUnreachableException e) {
                if (!coversFor(host)) {
                    throw e;
                }
                standIn = true;
            }
        }
        return standIn;
    }

    /**
     * Another instance's own part of an all-keys answer (a JSON list): 503 with Retry-After when it
     * answers anything but 200 or something unreadable, so that the client retries.
     */
    public <T> T partFrom(HostInfo host, String pathAndQuery, ObjectMapper json, TypeReference<T> type) {
        Forwarded answer = forward(host, pathAndQuery, false);
        String instance = host.host() + ":" + host.port();
        if (answer.status() != 200) {
            throw rebalancing("instance " + instance + " answered " + answer.status() + " for its part");
        }
        try {
            return json.readValue(answer.body(), type);
        } catch (IOException e) {
            throw rebalancing("instance " + instance + " sent an unreadable answer for its part");
        }
    }

    /**
     * Forwards a GET to {@code host}. A request that was itself forwarded is never forwarded again
     * (ownership moved under us: 503, the client retries).
     */
    public Forwarded forward(HostInfo host, String pathAndQuery, boolean alreadyForwarded) {
        if (alreadyForwarded) {
            throw rebalancing("ownership is moving between instances");
        }
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header(FORWARDED_HEADER, "true").GET().build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new java.util.HashMap<>();
            for (String name : List.of("Retry-After", STALE_HEADER, SERVED_BY_HEADER)) {
                r.headers().firstValue(name).ifPresent(v -> headers.put(name, v));
            }
            return new Forwarded(r.statusCode(), r.headers().firstValue("Content-Type").orElse("application/json"), r.body(), headers);
        } catch (IOException e) {
            throw new OwnerUnreachableException(host, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw rebalancing("interrupted while forwarding");
        }
    }

    private void requireQueryable() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            throw rebalancing("Kafka Streams is " + state);
        }
    }

    private static ProblemException rebalancing(String detail) {
        return ProblemException.unavailable(detail + "; retry shortly", RETRY_AFTER_SECONDS);
    }

    /** The active owner did not answer; the caller may answer from a local standby, or give 503. */
    public static final class OwnerUnreachableException extends ProblemException {
        private final transient HostInfo host;

        OwnerUnreachableException(HostInfo host, Exception cause) {
            super(503, "Service Unavailable", "the instance owning this data (" + host.host() + ":" + host.port()
                    + ") is unreachable: " + cause.getClass().getSimpleName() + "; retry shortly", RETRY_AFTER_SECONDS, null);
            this.host = host;
        }

        public HostInfo host() {
            return host;
        }
    }
}
