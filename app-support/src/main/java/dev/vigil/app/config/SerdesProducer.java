package dev.vigil.app.config;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.Config;

import dev.vigil.avro.serde.VigilSerdes;

/** The app's serdes, from {@code vigil.serde.mode} and the {@code apicurio.*} keys. */
public class SerdesProducer {

    @Produces
    @ApplicationScoped
    VigilSerdes serdes(Config config) {
        Map<String, Object> values = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.equals(VigilSerdes.MODE_KEY) || name.startsWith("apicurio.")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> values.put(name, v));
            }
        }
        return VigilSerdes.fromConfig(values);
    }
}
