package dev.vigil.k8s;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** One Vigil app as an overlay deploys it: its StatefulSet, its container, and what they configure. */
record AppDeployment(Manifests manifests, String app, StatefulSet statefulSet, Container container) {

    static final String COMPONENT = "app.kubernetes.io/component";
    /** How {@link #env()} shows a value from a Secret: group 1 the Secret's name, group 2 its key. */
    static final Pattern SECRET_REF = Pattern.compile("<secret ([^/]+)/([^>]+)>");
    private static final Pattern DEPENDENT = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    static List<AppDeployment> of(Manifests m) {
        List<AppDeployment> out = new ArrayList<>();
        for (StatefulSet sts : m.all(StatefulSet.class)) {
            String app = sts.getMetadata().getLabels().get(COMPONENT);
            List<Container> containers = sts.getSpec().getTemplate().getSpec().getContainers();
            Container c = containers.stream().filter(x -> x.getName().equals(app)).findFirst()
                    .orElseThrow(() -> new AssertionError(sts.getMetadata().getName() + ": no container named " + app));
            out.add(new AppDeployment(m, app, sts, c));
        }
        return out;
    }

    static AppDeployment of(Manifests m, String app) {
        return of(m).stream().filter(d -> d.app.equals(app)).findFirst()
                .orElseThrow(() -> new AssertionError(m.overlay() + ": no StatefulSet for app " + app));
    }

    String name() {
        return statefulSet.getMetadata().getName();
    }

    String namespace() {
        return statefulSet.getMetadata().getNamespace();
    }

    /**
     * The container's environment as the pod gets it: values with $(VAR) expanded from earlier entries,
     * the downward API resolved for pod 0, Secret values as {@code <secret name/key>}.
     */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : list(container.getEnvFrom())) {
            if (from.getConfigMapRef() != null) {
                env.putAll(configMap(from.getConfigMapRef().getName()).getData());
            } else if (from.getSecretRef() != null) {
                throw new AssertionError(name() + ": envFrom a whole Secret hides which keys it sets; name them");
            }
        }
        for (EnvVar e : list(container.getEnv())) {
            String value;
            if (e.getValueFrom() == null) {
                Matcher m = DEPENDENT.matcher(e.getValue() == null ? "" : e.getValue());
                StringBuilder out = new StringBuilder();
                while (m.find()) {
                    String ref = env.get(m.group(1));
                    m.appendReplacement(out, Matcher.quoteReplacement(ref != null ? ref : m.group()));
                }
                value = m.appendTail(out).toString();
            } else if (e.getValueFrom().getFieldRef() != null) {
                value = switch (e.getValueFrom().getFieldRef().getFieldPath()) {
                    case "metadata.name" -> name() + "-0";
                    case "metadata.namespace" -> namespace();
                    default -> "<" + e.getValueFrom().getFieldRef().getFieldPath() + ">";
                };
            } else if (e.getValueFrom().getSecretKeyRef() != null) {
                value = "<secret " + e.getValueFrom().getSecretKeyRef().getName() + "/"
                        + e.getValueFrom().getSecretKeyRef().getKey() + ">";
            } else if (e.getValueFrom().getConfigMapKeyRef() != null) {
                value = configMap(e.getValueFrom().getConfigMapKeyRef().getName()).getData()
                        .get(e.getValueFrom().getConfigMapKeyRef().getKey());
            } else {
                value = "<" + e.getValueFrom() + ">";
            }
            env.put(e.getName(), value);
        }
        return env;
    }

    /** Names used as $(NAME) inside other env values of the container (they are the manifest's own variables). */
    boolean referencedByOtherEnv(String name) {
        return list(container.getEnv()).stream().anyMatch(e -> e.getValue() != null && e.getValue().contains("$(" + name + ")"));
    }

    /** ConfigMaps mounted into the container, by mount path. */
    Map<String, ConfigMap> mountedConfigMaps() {
        Map<String, ConfigMap> out = new TreeMap<>();
        for (VolumeMount mount : list(container.getVolumeMounts())) {
            volume(mount.getName()).filter(v -> v.getConfigMap() != null)
                    .ifPresent(v -> out.put(mount.getMountPath(), configMap(v.getConfigMap().getName())));
        }
        return out;
    }

    Optional<Volume> volume(String name) {
        return list(statefulSet.getSpec().getTemplate().getSpec().getVolumes()).stream()
                .filter(v -> v.getName().equals(name)).findFirst();
    }

    Optional<VolumeMount> mountAt(String path) {
        return list(container.getVolumeMounts()).stream().filter(m -> m.getMountPath().equals(path)).findFirst();
    }

    /** The properties of config/application.properties under the image's working directory, if mounted there. */
    Map<String, String> configFile(String workDir) {
        ConfigMap cm = mountedConfigMaps().get(workDir + "/config");
        if (cm == null || cm.getData() == null || !cm.getData().containsKey("application.properties")) {
            return Map.of();
        }
        return parse(cm.getData().get("application.properties"));
    }

    ConfigMap configMap(String name) {
        return manifests.named(ConfigMap.class, name);
    }

    static Map<String, String> parse(String properties) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(properties));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
