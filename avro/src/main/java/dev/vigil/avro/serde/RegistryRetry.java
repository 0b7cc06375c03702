package dev.vigil.avro.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.http.HttpClosedException;

/**
 * Retries a registry serde call whose HTTP connection to the registry closed or never opened.
 * Apicurio's client has a retry of its own, but it only looks at the exception's first level, and
 * its HTTP adapter wraps every failure twice, so without this one closed keep-alive connection
 * fails the record (a stream thread in the apps).
 */
final class RegistryRetry {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryRetry.class);
    static final int ATTEMPTS = 4;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private RegistryRetry() {
    }

    static <R> R call(Supplier<R> registryCall) {
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1;; attempt++) {
            try {
                return registryCall.get();
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !isConnectionFailure(e)) {
                    throw e;
                }
                LOG.warn("Schema registry connection failed ({}); retrying in {} ms (attempt {} of {})", rootMessage(e),
                        backoff.toMillis(), attempt + 1, ATTEMPTS);
            }
            sleep(backoff);
            backoff = backoff.multipliedBy(2);
        }
    }

    /** A closed or refused connection anywhere in the cause chain; an HTTP error answer is not one. */
    static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpClosedException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void sleep(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a schema registry call", e);
        }
    }

    static <T> Serializer<T> serializer(Serializer<T> delegate) {
        return new Serializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                delegate.configure(configs, isKey);
            }

            @Override
            public byte[] serialize(String topic, T data) {
                return call(() -> delegate.serialize(topic, data));
            }

            @Override
            public byte[] serialize(String topic, Headers headers, T data) {
                return call(() -> delegate.serialize(topic, headers, data));
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
    }

    static <T> Deserializer<T> deserializer(Deserializer<T> delegate) {
        return new Deserializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                delegate.configure(configs, isKey);
            }

            @Override
            public T deserialize(String topic, byte[] data) {
                return call(() -> delegate.deserialize(topic, data));
            }

            @Override
            public T deserialize(String topic, Headers headers, byte[] data) {
                return call(() -> delegate.deserialize(topic, headers, data));
            }

            @Override
            public T deserialize(String topic, Headers headers, ByteBuffer data) {
                // The buffer's position must be the same on every attempt.
                return call(() -> delegate.deserialize(topic, headers, data == null ? null : data.duplicate()));
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
    }
}
