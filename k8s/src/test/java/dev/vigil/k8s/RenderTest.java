package dev.vigil.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Every kustomization renders, with the built-in renderer and, where installed, with kubectl (same objects). */
class RenderTest {

    static Stream<Path> kustomizations() {
        return Stream.concat(Stream.of(Repo.k8s().resolve("base")), Repo.OVERLAYS.stream().map(Repo::overlay));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void rendersTheSameObjectsAsKubectl(Path dir) throws IOException {
        Map<String, ObjectNode> ours = byKey(Kustomize.render(dir).stream());
        assertThat(ours).as("objects rendered from %s", dir).isNotEmpty();

        Optional<String> kustomize = Kubectl.kustomizeVersion();
        if (kustomize.isEmpty()) {
            // Fresh machines of other kinds may lack kubectl; the built-in renderer still checks everything.
            System.out.println("kubectl (kustomize v4+) not found: " + dir + " rendered by the built-in renderer only");
            return;
        }
        Map<String, ObjectNode> theirs = byKey(Kubectl.kustomize(dir).stream());
        assertThat(ours.keySet()).as("objects of %s (built-in vs kubectl kustomize %s)", dir, kustomize.get())
                .containsExactlyInAnyOrderElementsOf(theirs.keySet());
        theirs.forEach((key, expected) -> assertThat(Yaml.write(java.util.List.of(ours.get(key))))
                .as("%s rendered from %s", key, dir).isEqualTo(Yaml.write(java.util.List.of(expected))));
    }

    private static Map<String, ObjectNode> byKey(Stream<ObjectNode> objects) {
        Map<String, ObjectNode> map = new TreeMap<>();
        objects.forEach(o -> {
            ObjectNode previous = map.put(Kubectl.key(o), Canonical.sorted(o));
            assertThat(previous).as("duplicate object %s", Kubectl.key(o)).isNull();
        });
        return map;
    }
}
