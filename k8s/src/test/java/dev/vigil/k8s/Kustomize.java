package dev.vigil.k8s;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The part of kustomize that Vigil's kustomizations use (resources, namespace, configMapGenerator
 * with kustomize's name hash, patches: strategic merge and JSON 6902 with targets, replicas), so
 * that the manifest checks run on machines without kubectl. Where kubectl exists the tests render
 * with both and require the same objects. A kustomization field not supported here fails loudly.
 */
final class Kustomize {

    private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "namespace",
            "configMapGenerator", "patches", "replicas");
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "policy", "networking.k8s.io",
            "autoscaling", "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io", "coordination.k8s.io",
            "discovery.k8s.io", "node.k8s.io");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");
    private static final Set<String> SCALABLE = Set.of("Deployment", "StatefulSet", "ReplicaSet",
            "ReplicationController");
    /** Strategic-merge keys of the built-in list fields Vigil's patches may touch (from the Kubernetes API). */
    private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name",
            "env", "name", "volumes", "name", "volumeMounts", "mountPath", "imagePullSecrets", "name",
            "topologySpreadConstraints", "topologyKey", "hostAliases", "ip");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Kustomize() {
    }

    /** Renders the kustomization in {@code dir} as {@code kubectl kustomize dir} would. */
    static List<ObjectNode> render(Path dir) {
        Build build = build(dir.toAbsolutePath().normalize());
        hashGeneratedNames(build);
        return build.objects;
    }

    private static final class Build {
        final List<ObjectNode> objects = new ArrayList<>();
        /** Generated ConfigMaps: their names get the content hash once everything is merged and patched. */
        final Set<ObjectNode> generated = Collections.newSetFromMap(new IdentityHashMap<>());

        void addAll(Build other) {
            objects.addAll(other.objects);
            generated.addAll(other.generated);
        }
    }

    private static Build build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + dir);
        }
        ObjectNode k = Yaml.object(file);
        k.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                throw new UnsupportedOperationException(file + ": kustomization field '" + f
                        + "' is not supported by the built-in renderer (Kustomize.java); add it there");
            }
        });
        Build build = new Build();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                build.addAll(build(p));
            } else {
                for (JsonNode doc : Yaml.documents(p)) {
                    build.objects.add((ObjectNode) doc);
                }
            }
        }
        for (JsonNode gen : k.path("configMapGenerator")) {
            generateConfigMap(dir, (ObjectNode) gen, build);
        }
        for (JsonNode patch : k.path("patches")) {
            patch(dir, (ObjectNode) patch, build);
        }
        for (JsonNode r : k.path("replicas")) {
            String name = r.path("name").asText();
            List<ObjectNode> targets = build.objects.stream()
                    .filter(o -> SCALABLE.contains(o.path("kind").asText()) && name.equals(name(o))).toList();
            if (targets.isEmpty()) {
                throw new IllegalArgumentException(file + ": replicas: no workload named " + name);
            }
            targets.forEach(o -> ((ObjectNode) o.path("spec")).put("replicas", r.path("count").asInt()));
        }
        if (k.hasNonNull("namespace")) {
            String ns = k.path("namespace").asText();
            for (ObjectNode o : build.objects) {
                if (!CLUSTER_SCOPED.contains(o.path("kind").asText())) {
                    metadata(o).put("namespace", ns);
                }
            }
        }
        return build;
    }

    // --- configMapGenerator -------------------------------------------------------------------

    private static void generateConfigMap(Path dir, ObjectNode gen, Build build) {
        gen.fieldNames().forEachRemaining(f -> {
            if (!Set.of("name", "behavior", "files", "literals").contains(f)) {
                throw new UnsupportedOperationException("configMapGenerator field '" + f + "' is not supported");
            }
        });
        String name = gen.path("name").asText();
        Map<String, String> data = new LinkedHashMap<>();
        for (JsonNode f : gen.path("files")) {
            String spec = f.asText();
            int eq = spec.indexOf('=');
            String key = eq < 0 ? Path.of(spec).getFileName().toString() : spec.substring(0, eq);
            data.put(key, Yaml.read(dir.resolve(eq < 0 ? spec : spec.substring(eq + 1))));
        }
        for (JsonNode l : gen.path("literals")) {
            String spec = l.asText();
            int eq = spec.indexOf('=');
            data.put(spec.substring(0, eq), spec.substring(eq + 1));
        }
        String behavior = gen.path("behavior").asText("create");
        ObjectNode existing = build.generated.stream().filter(o -> name.equals(name(o))).findFirst().orElse(null);
        switch (behavior) {
            case "create" -> {
                if (existing != null) {
                    throw new IllegalArgumentException("configMapGenerator: " + name + " already exists");
                }
                ObjectNode cm = NODES.objectNode();
                cm.put("apiVersion", "v1");
                cm.put("kind", "ConfigMap");
                cm.putObject("metadata").put("name", name);
                ObjectNode d = cm.putObject("data");
                data.forEach(d::put);
                build.objects.add(cm);
                build.generated.add(cm);
            }
            case "replace", "merge" -> {
                if (existing == null) {
                    throw new IllegalArgumentException("configMapGenerator: no " + name + " to " + behavior);
                }
                ObjectNode d = behavior.equals("replace") ? existing.putObject("data") : (ObjectNode) existing.path("data");
                data.forEach(d::put);
            }
            default -> throw new IllegalArgumentException("configMapGenerator behavior " + behavior);
        }
    }

    /**
     * kustomize's ConfigMap name suffix: sha256 of the JSON {data, kind, name}, in which kustomize's
     * name is always empty; the first 10 hex digits, some replaced.
     */
    static String configMapHash(Map<String, String> data) {
        StringBuilder json = new StringBuilder("{\"data\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(data).entrySet()) {
            json.append(first ? "" : ",").append(goJsonString(e.getKey())).append(':').append(goJsonString(e.getValue()));
            first = false;
        }
        json.append("},\"kind\":\"ConfigMap\",\"name\":\"\"}");
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(json.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder hash = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            hash.append(String.format("%02x", digest[i]));
        }
        // kustomize avoids characters that could make a word: 0 1 3 a e become g h k m t.
        return hash.toString().replace('0', 'g').replace('1', 'h').replace('3', 'k').replace('a', 'm').replace('e', 't');
    }

    /** A string as Go's encoding/json writes it (HTML-safe escaping), the input of kustomize's hash. */
    private static String goJsonString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static void hashGeneratedNames(Build build) {
        Map<String, String> renames = new HashMap<>();
        for (ObjectNode cm : build.generated) {
            Map<String, String> data = new LinkedHashMap<>();
            cm.path("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
            String old = name(cm);
            String renamed = old + "-" + configMapHash(data);
            metadata(cm).put("name", renamed);
            renames.put(cm.path("metadata").path("namespace").asText("") + "/" + old, renamed);
        }
        for (ObjectNode o : build.objects) {
            String ns = o.path("metadata").path("namespace").asText("");
            for (ObjectNode podSpec : podSpecs(o)) {
                for (JsonNode v : podSpec.path("volumes")) {
                    rename(v.path("configMap"), "name", ns, renames);
                    for (JsonNode s : v.path("projected").path("sources")) {
                        rename(s.path("configMap"), "name", ns, renames);
                    }
                }
                for (String list : List.of("containers", "initContainers")) {
                    for (JsonNode c : podSpec.path(list)) {
                        for (JsonNode e : c.path("env")) {
                            rename(e.path("valueFrom").path("configMapKeyRef"), "name", ns, renames);
                        }
                        for (JsonNode e : c.path("envFrom")) {
                            rename(e.path("configMapRef"), "name", ns, renames);
                        }
                    }
                }
            }
        }
    }

    private static void rename(JsonNode ref, String field, String ns, Map<String, String> renames) {
        if (ref instanceof ObjectNode o && o.hasNonNull(field)) {
            String renamed = renames.get(ns + "/" + o.path(field).asText());
            if (renamed != null) {
                o.put(field, renamed);
            }
        }
    }

    static List<ObjectNode> podSpecs(JsonNode o) {
        List<ObjectNode> specs = new ArrayList<>();
        for (JsonNode s : List.of(o.path("spec").path("template").path("spec"), o.path("spec"),
                o.path("spec").path("jobTemplate").path("spec").path("template").path("spec"))) {
            if (s instanceof ObjectNode spec && spec.has("containers")) {
                specs.add(spec);
            }
        }
        return specs;
    }

    // --- patches -----------------------------------------------------------------------------

    private static void patch(Path dir, ObjectNode spec, Build build) {
        String text = spec.has("path") ? Yaml.read(dir.resolve(spec.path("path").asText())) : spec.path("patch").asText();
        List<JsonNode> docs = Yaml.documents(text);
        if (docs.size() != 1) {
            throw new IllegalArgumentException("a patch must hold one YAML document: " + spec);
        }
        JsonNode patch = docs.get(0);
        JsonNode target = spec.path("target");
        List<ObjectNode> matches;
        if (target.isObject()) {
            matches = build.objects.stream().filter(o -> selects(target, o)).toList();
        } else if (patch.isObject()) {
            matches = build.objects.stream().filter(o -> group(o).equals(group(patch))
                    && o.path("kind").asText().equals(patch.path("kind").asText()) && name(o).equals(name(patch))).toList();
        } else {
            throw new IllegalArgumentException("a JSON 6902 patch needs a target: " + spec);
        }
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("patch matches no resource: " + spec);
        }
        for (ObjectNode o : matches) {
            if (patch.isArray()) {
                for (JsonNode op : patch) {
                    jsonPatch(o, (ObjectNode) op);
                }
            } else {
                ObjectNode p = ((ObjectNode) patch).deepCopy();
                // With a target the patch's own name is a placeholder: kustomize patches every match.
                metadata(p).put("name", name(o));
                if (o.path("metadata").has("namespace")) {
                    metadata(p).put("namespace", o.path("metadata").path("namespace").asText());
                }
                strategicMerge(o, p, BUILT_IN_GROUPS.contains(group(o)), o.path("kind").asText(), "");
            }
        }
    }

    private static boolean selects(JsonNode target, ObjectNode o) {
        Iterator<String> fields = target.fieldNames();
        while (fields.hasNext()) {
            String f = fields.next();
            String want = target.path(f).asText();
            boolean ok = switch (f) {
                case "kind" -> want.equals(o.path("kind").asText());
                case "group" -> want.equals(group(o));
                case "version" -> o.path("apiVersion").asText().endsWith("/" + want) || o.path("apiVersion").asText().equals(want);
                case "name" -> Pattern.matches(want, name(o));
                case "namespace" -> Pattern.matches(want, o.path("metadata").path("namespace").asText(""));
                case "labelSelector" -> labelsMatch(want, o.path("metadata").path("labels"));
                default -> throw new UnsupportedOperationException("patch target field '" + f + "' is not supported");
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean labelsMatch(String selector, JsonNode labels) {
        for (String term : selector.split(",")) {
            String t = term.trim();
            if (t.contains("!=")) {
                String[] kv = t.split("!=", 2);
                if (kv[1].trim().equals(labels.path(kv[0].trim()).asText(null))) {
                    return false;
                }
            } else if (t.contains("=")) {
                String[] kv = t.replace("==", "=").split("=", 2);
                if (!kv[1].trim().equals(labels.path(kv[0].trim()).asText(null))) {
                    return false;
                }
            } else {
                throw new UnsupportedOperationException("label selector term '" + t + "' is not supported");
            }
        }
        return true;
    }

    /** Kubernetes strategic merge: maps merge, keyed lists of built-in types merge by key, other lists are replaced. */
    private static void strategicMerge(ObjectNode target, ObjectNode patch, boolean builtIn, String kind, String field) {
        Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (key.startsWith("$")) {
                throw new UnsupportedOperationException("strategic merge directive " + key + " is not supported");
            }
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && current instanceof ObjectNode c) {
                strategicMerge(c, (ObjectNode) value, builtIn, kind, key);
            } else if (value.isArray() && current instanceof ArrayNode c && builtIn && mergeKey(kind, key) != null) {
                String mk = mergeKey(kind, key);
                int inserted = 0;
                for (JsonNode item : value) {
                    if (!item.has(mk)) {
                        throw new IllegalArgumentException("list " + key + ": patch item without " + mk);
                    }
                    ObjectNode match = null;
                    for (JsonNode existing : c) {
                        if (existing.path(mk).equals(item.path(mk))) {
                            match = (ObjectNode) existing;
                        }
                    }
                    if (match != null) {
                        strategicMerge(match, (ObjectNode) item, builtIn, kind, key);
                    } else {
                        // kustomize puts items that only the patch has first, in the patch's order.
                        c.insert(inserted++, item.deepCopy());
                    }
                }
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private static String mergeKey(String kind, String field) {
        if (field.equals("ports")) {
            return kind.equals("Service") ? "port" : "containerPort";
        }
        return MERGE_KEYS.get(field);
    }

    private static void jsonPatch(ObjectNode root, ObjectNode op) {
        String verb = op.path("op").asText();
        List<String> path = new ArrayList<>();
        for (String token : op.path("path").asText().substring(1).split("/", -1)) {
            path.add(token.replace("~1", "/").replace("~0", "~"));
        }
        JsonNode parent = root;
        for (String token : path.subList(0, path.size() - 1)) {
            parent = parent.isArray() ? parent.path(Integer.parseInt(token)) : parent.path(token);
            if (parent.isMissingNode()) {
                throw new IllegalArgumentException("JSON patch path not found: " + op);
            }
        }
        String last = path.get(path.size() - 1);
        JsonNode value = op.path("value").deepCopy();
        if (parent instanceof ObjectNode obj) {
            switch (verb) {
                case "add" -> obj.set(last, value);
                case "replace" -> {
                    if (!obj.has(last)) {
                        throw new IllegalArgumentException("JSON patch replace of a missing field: " + op);
                    }
                    obj.set(last, value);
                }
                case "remove" -> obj.remove(last);
                default -> throw new UnsupportedOperationException("JSON patch op " + verb);
            }
        } else if (parent instanceof ArrayNode arr) {
            int index = last.equals("-") ? arr.size() : Integer.parseInt(last);
            switch (verb) {
                case "add" -> arr.insert(index, value);
                case "replace" -> arr.set(index, value);
                case "remove" -> arr.remove(index);
                default -> throw new UnsupportedOperationException("JSON patch op " + verb);
            }
        } else {
            throw new IllegalArgumentException("JSON patch path not found: " + op);
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    static String group(JsonNode o) {
        String apiVersion = o.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    private static ObjectNode metadata(ObjectNode o) {
        return o.has("metadata") ? (ObjectNode) o.get("metadata") : o.putObject("metadata");
    }
}
