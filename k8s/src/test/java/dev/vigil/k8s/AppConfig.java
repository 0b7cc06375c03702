package dev.vigil.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The configuration keys one app reads, taken from the app itself so that the manifest checks follow
 * it as it changes: its application.properties (keys and the keys its expressions refer to), its
 * {@code @ConfigMapping} interfaces (through SmallRye Config's own view of them), its
 * {@code @ConfigProperty} injection points (app and shared vigil jars), and the configuration model
 * that every Quarkus extension on its runtime classpath ships (with the phase: only RUN_TIME keys
 * can be changed by a deployment).
 */
final class AppConfig {

    enum Origin { PROPERTIES, EXPRESSION, MAPPING, INJECTED, EXTENSION }

    /** A key or key pattern ({@code *} = one map key, {@code [*]} = a list index). */
    record Key(String name, Origin origin, boolean runtime, Optional<String> defaultValue) {

        Pattern propertyPattern() {
            return Pattern.compile(toRegex(name, false));
        }

        /** The environment variables MicroProfile Config maps onto this key (non-alphanumerics become _, upper case). */
        Pattern envPattern() {
            return Pattern.compile(toRegex(name, true));
        }

        private static String toRegex(String name, boolean env) {
            StringBuilder re = new StringBuilder();
            for (int i = 0; i < name.length(); i++) {
                if (name.startsWith("[*]", i)) {
                    re.append(env ? "_[0-9]+_" : "\\[[0-9]+\\]");
                    i += 2;
                } else if (name.charAt(i) == '*' && (i == 0 || name.charAt(i - 1) == '.')) {
                    re.append(env ? "[A-Z0-9_]+" : "(?:\"[^\"]+\"|[^.\\[]+)");
                } else {
                    char c = name.charAt(i);
                    re.append(env ? (Character.isLetterOrDigit(c) ? String.valueOf(Character.toUpperCase(c)) : "_")
                            : Pattern.quote(String.valueOf(c)));
                }
            }
            return re.toString();
        }
    }

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:${]+)");
    private static final Pattern QUOTED_SEGMENT = Pattern.compile("\"[^\"]*\"");

    private final String app;
    private final Map<String, String> properties;
    private final List<Key> keys;
    private final ClassLoader loader;

    AppConfig(String app, Map<String, String> properties, List<Key> keys, ClassLoader loader) {
        this.app = app;
        this.properties = properties;
        this.keys = keys;
        this.loader = loader;
    }

    String app() {
        return app;
    }

    /** application.properties, profile prefixes removed, values as written (expressions unresolved). */
    Map<String, String> properties() {
        return properties;
    }

    List<Key> keys() {
        return keys;
    }

    /** The app's own class loader (its runtime classpath): Kafka's config definitions are read through it. */
    ClassLoader loader() {
        return loader;
    }

    List<Key> forProperty(String name) {
        return keys.stream().filter(k -> k.propertyPattern().matcher(name).matches()).toList();
    }

    List<Key> forEnv(String env) {
        return keys.stream().filter(k -> k.envPattern().matcher(env).matches()).toList();
    }

    // --- loading -------------------------------------------------------------------------------

    /** Reads the app in its module directory; its Quarkus build ({@code target/quarkus-app}) must exist. */
    static AppConfig load(Path module) {
        Path quarkusApp = module.resolve("target/quarkus-app");
        if (!Files.isDirectory(quarkusApp.resolve("lib/main"))) {
            throw new IllegalStateException("no " + quarkusApp + ": build the apps first (mvn package); "
                    + "in the full build the k8s module comes after them");
        }
        List<Path> jars = new ArrayList<>();
        // As Quarkus runs it: the config mapping implementations are generated at build time
        // (quarkus/generated-bytecode.jar), so SmallRye Config finds them instead of generating its own.
        for (String dir : List.of("quarkus", "lib/boot", "lib/main", "app")) {
            jars.addAll(list(quarkusApp.resolve(dir)));
        }
        URL[] urls = jars.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toArray(URL[]::new);
        // Deliberately not closed: the checks read classes and resources through it while they run.
        URLClassLoader loader = new URLClassLoader(module.getFileName() + "-runtime", urls,
                ClassLoader.getPlatformClassLoader());
        // The app's own classes and the shared Vigil jars (app support, Avro) hold its config injection points.
        List<String> classNames = new ArrayList<>();
        for (Path jar : jars) {
            String file = jar.getFileName().toString();
            if (jar.getParent().getFileName().toString().equals("app") || file.startsWith("dev.vigil.")) {
                classNames.addAll(classesIn(jar));
            }
        }
        List<JsonNode> models = new ArrayList<>();
        try {
            Enumeration<URL> found = loader.getResources("META-INF/quarkus-config-doc/quarkus-config-model.json");
            ObjectMapper json = new ObjectMapper();
            while (found.hasMoreElements()) {
                try (InputStream in = found.nextElement().openStream()) {
                    models.add(json.readTree(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(module.getFileName().toString(),
                readProperties(module.resolve("src/main/resources/application.properties")), classNames, loader, models);
    }

    static AppConfig of(String app, Map<String, String> properties, List<String> classNames, ClassLoader loader,
            List<JsonNode> extensionModels) {
        List<Key> keys = new ArrayList<>();
        properties.forEach((k, v) -> keys.add(new Key(k, Origin.PROPERTIES, true, Optional.of(v))));
        properties.values().forEach(v -> {
            Matcher m = EXPRESSION.matcher(v);
            while (m.find()) {
                keys.add(new Key(m.group(1), Origin.EXPRESSION, true, Optional.empty()));
            }
        });
        for (String name : classNames) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue; // a class whose optional dependencies are absent holds no config injection point
            }
            keys.addAll(mappingKeys(type));
            keys.addAll(injectedKeys(type));
        }
        for (JsonNode model : extensionModels) {
            collectExtensionKeys(model, keys);
        }
        return new AppConfig(app, properties, List.copyOf(keys), loader);
    }

    static Map<String, String> readProperties(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> {
            String key = k.startsWith("%") && k.contains(".") ? k.substring(k.indexOf('.') + 1) : k;
            // The prod profile (the one a deployment runs) wins over other profiles' values.
            if (!out.containsKey(key) || k.startsWith("%prod.") || !k.startsWith("%")) {
                out.put(key, p.getProperty(k));
            }
        });
        return out;
    }

    /** The keys of a {@code @ConfigMapping} interface, as SmallRye Config itself names them. */
    private static List<Key> mappingKeys(Class<?> type) {
        try {
            ClassLoader l = type.getClassLoader();
            @SuppressWarnings("unchecked")
            Class<? extends Annotation> mapping = (Class<? extends Annotation>) Class.forName(
                    "io.smallrye.config.ConfigMapping", false, l);
            if (!type.isInterface() || !type.isAnnotationPresent(mapping)) {
                return List.of();
            }
            Class<?> configClass = Class.forName("io.smallrye.config.ConfigMappings$ConfigClass", true, l);
            Object cc = configClass.getMethod("configClass", Class.class).invoke(null, type);
            Map<?, ?> props = (Map<?, ?>) Class.forName("io.smallrye.config.ConfigMappings", true, l)
                    .getMethod("getProperties", configClass).invoke(null, cc);
            List<Key> keys = new ArrayList<>();
            props.forEach((name, property) -> keys.add(new Key((String) name, Origin.MAPPING, true, defaultOf(property))));
            return keys;
        } catch (ClassNotFoundException e) {
            return List.of();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the config mapping " + type.getName(), e);
        }
    }

    private static Optional<String> defaultOf(Object property) {
        try {
            Method has = property.getClass().getMethod("hasDefaultValue");
            if ((Boolean) has.invoke(property)) {
                return Optional.ofNullable((String) property.getClass().getMethod("getDefaultValue").invoke(property));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a property kind without defaults (groups, maps)
        }
        return Optional.empty();
    }

    /** {@code @ConfigProperty(name = ...)} on fields and on constructor and method parameters. */
    private static List<Key> injectedKeys(Class<?> type) {
        List<Key> keys = new ArrayList<>();
        try {
            @SuppressWarnings("unchecked")
            Class<? extends Annotation> injected = (Class<? extends Annotation>) Class.forName(
                    "org.eclipse.microprofile.config.inject.ConfigProperty", false, type.getClassLoader());
            Method name = injected.getMethod("name");
            Method defaultValue = injected.getMethod("defaultValue");
            List<AnnotatedElement> elements = new ArrayList<>(List.of(type.getDeclaredFields()));
            for (Executable e : Stream.concat(Stream.of(type.getDeclaredConstructors()), Stream.of(type.getDeclaredMethods())).toList()) {
                elements.addAll(List.of(e.getParameters()));
            }
            for (AnnotatedElement e : elements) {
                Annotation a = e.getAnnotation(injected);
                if (a != null) {
                    String d = (String) defaultValue.invoke(a);
                    keys.add(new Key((String) name.invoke(a), Origin.INJECTED, true,
                            d.equals("org.eclipse.microprofile.config.configproperty.unconfigureddvalue") ? Optional.empty()
                                    : Optional.of(d)));
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            return List.of();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return keys;
    }

    private static void collectExtensionKeys(JsonNode n, List<Key> keys) {
        if (n.isObject() && n.path("path").has("property") && n.has("phase")) {
            String name = QUOTED_SEGMENT.matcher(n.path("path").path("property").asText()).replaceAll("*");
            keys.add(new Key(name, Origin.EXTENSION, n.path("phase").asText().equals("RUN_TIME"),
                    Optional.ofNullable(n.path("defaultValue").textValue())));
        }
        n.forEach(child -> collectExtensionKeys(child, keys));
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> classesIn(Path jar) {
        List<String> names = new ArrayList<>();
        try (JarFile f = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = f.entries(); e.hasMoreElements();) {
                String n = e.nextElement().getName();
                if (n.endsWith(".class") && !n.endsWith("module-info.class") && !n.startsWith("META-INF/")) {
                    names.add(n.substring(0, n.length() - 6).replace('/', '.'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
