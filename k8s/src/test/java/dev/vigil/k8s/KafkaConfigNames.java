package dev.vigil.k8s;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Kafka Streams accepts through Quarkus's {@code kafka-streams.*} pass-through, read from the
 * Kafka jars on the app's own classpath: Streams' config names, the clients' names (plain, or with
 * Streams' consumer/producer/admin prefixes) and topic configs (prefix {@code topic.}).
 */
final class KafkaConfigNames {

    private KafkaConfigNames() {
    }

    static Set<String> streamsPassThrough(ClassLoader loader) {
        try {
            Set<String> names = new TreeSet<>();
            Object configDef = loader.loadClass("org.apache.kafka.streams.StreamsConfig").getMethod("configDef").invoke(null);
            names.addAll(stringSet(configDef.getClass().getMethod("names").invoke(configDef)));
            Set<String> consumer = stringSet(loader.loadClass("org.apache.kafka.clients.consumer.ConsumerConfig")
                    .getMethod("configNames").invoke(null));
            Set<String> producer = stringSet(loader.loadClass("org.apache.kafka.clients.producer.ProducerConfig")
                    .getMethod("configNames").invoke(null));
            Set<String> admin = stringSet(loader.loadClass("org.apache.kafka.clients.admin.AdminClientConfig")
                    .getMethod("configNames").invoke(null));
            names.addAll(consumer);
            names.addAll(producer);
            names.addAll(admin);
            for (String prefix : new String[] {"consumer.", "main.consumer.", "restore.consumer.", "global.consumer."}) {
                consumer.forEach(n -> names.add(prefix + n));
            }
            producer.forEach(n -> names.add("producer." + n));
            admin.forEach(n -> names.add("admin." + n));
            for (Field f : loader.loadClass("org.apache.kafka.common.config.TopicConfig").getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getName().endsWith("_CONFIG") && f.getType() == String.class) {
                    names.add("topic." + f.get(null));
                }
            }
            return names;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Kafka's config classes are not on the app's classpath", e);
        }
    }

    /**
     * Builds a StreamsConfig from these pass-through settings with the app's own Kafka classes, as Kafka
     * Streams does at startup; returns the error Kafka reports for a bad value, or null.
     */
    static String validateStreamsConfig(ClassLoader loader, Map<String, String> streamsSettings) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader); // class-typed settings (handlers) load through the app's loader
        try {
            loader.loadClass("org.apache.kafka.streams.StreamsConfig").getConstructor(Map.class)
                    .newInstance(new HashMap<>(streamsSettings));
            return null;
        } catch (InvocationTargetException e) {
            return String.valueOf(e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The value Kafka Streams uses for one of its settings when none is given. */
    static Object defaultValue(ClassLoader loader, String className, String name) {
        try {
            Object configDef = className.endsWith("StreamsConfig")
                    ? loader.loadClass(className).getMethod("configDef").invoke(null)
                    : configDefField(loader.loadClass(className));
            Map<?, ?> keys = (Map<?, ?>) configDef.getClass().getMethod("configKeys").invoke(configDef);
            Object key = keys.get(name);
            return key.getClass().getField("defaultValue").get(key);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object configDefField(Class<?> type) throws ReflectiveOperationException {
        Field f = type.getDeclaredField("CONFIG");
        f.setAccessible(true);
        return f.get(null);
    }

    private static Set<String> stringSet(Object o) {
        Set<String> out = new TreeSet<>();
        for (Object x : (Iterable<?>) o) {
            out.add((String) x);
        }
        return out;
    }
}
