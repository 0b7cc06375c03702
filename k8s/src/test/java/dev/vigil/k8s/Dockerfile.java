package dev.vigil.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The instructions of an app's Dockerfile.jvm that the manifests depend on. */
record Dockerfile(Path file, String from, Optional<String> user, Optional<String> workDir, List<String> copies,
        List<Integer> exposed, String entrypoint, List<String> env) {

    static Path of(Path module) {
        return module.resolve("src/main/docker/Dockerfile.jvm");
    }

    static Dockerfile read(Path module) {
        Path file = of(module);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("missing " + file);
        }
        String from = null;
        Optional<String> user = Optional.empty();
        Optional<String> workDir = Optional.empty();
        List<String> copies = new ArrayList<>();
        List<Integer> exposed = new ArrayList<>();
        List<String> env = new ArrayList<>();
        String entrypoint = "";
        // Continuation lines joined; comments dropped.
        String text = Yaml.read(file).replaceAll("\\\\\\s*\\n", " ");
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String arg = parts.length > 1 ? parts[1] : "";
            switch (parts[0].toUpperCase()) {
                case "FROM" -> from = arg;
                case "USER" -> user = Optional.of(arg);
                case "WORKDIR" -> workDir = Optional.of(arg);
                case "COPY" -> copies.add(arg);
                case "EXPOSE" -> {
                    for (String p : arg.split("\\s+")) {
                        exposed.add(Integer.parseInt(p.replace("/tcp", "")));
                    }
                }
                case "ENV" -> env.add(arg);
                case "ENTRYPOINT", "CMD" -> entrypoint = entrypoint + " " + arg;
                default -> {
                }
            }
        }
        return new Dockerfile(file, from, user, workDir, copies, exposed, entrypoint.strip(), env);
    }

    /** Whether the image's start command reads this environment variable itself ($NAME or ${NAME}). */
    boolean entrypointReads(String variable) {
        return entrypoint.matches(".*\\$\\{?" + variable + "\\b.*");
    }
}
