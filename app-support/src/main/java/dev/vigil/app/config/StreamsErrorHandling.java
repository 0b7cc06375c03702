package dev.vigil.app.config;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

/**
 * An unexpected exception in a stream thread replaces the thread (the task restarts from its last
 * committed state) instead of shutting the client down; the error is logged once with its cause.
 */
@ApplicationScoped
public class StreamsErrorHandling implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = Logger.getLogger(StreamsErrorHandling.class);

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        LOG.errorf(exception, "stream thread failed; replacing it");
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
