package dev.vigil.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code kubectl kustomize}, where a kubectl with kustomize v4 or later is installed. */
final class Kubectl {

    private Kubectl() {
    }

    /** The kustomize version kubectl reports, or empty when there is no usable kubectl. */
    static Optional<String> kustomizeVersion() {
        try {
            String out = run(List.of("kubectl", "version", "--client"));
            return out.lines().filter(l -> l.startsWith("Kustomize Version:")).map(l -> l.substring(18).trim())
                    .filter(v -> !v.startsWith("v2") && !v.startsWith("v3")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static List<ObjectNode> kustomize(Path dir) throws IOException {
        return Yaml.documents(run(List.of("kubectl", "kustomize", dir.toString()))).stream()
                .map(ObjectNode.class::cast).toList();
    }

    private static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + err);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            p.destroy();
        }
    }

    static String key(JsonNode o) {
        return o.path("apiVersion").asText() + " " + o.path("kind").asText() + " "
                + o.path("metadata").path("namespace").asText("") + "/" + Kustomize.name(o);
    }
}
