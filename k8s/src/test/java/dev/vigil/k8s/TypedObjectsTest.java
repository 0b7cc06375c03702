package dev.vigil.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.user.KafkaUser;

/** Every rendered object reads strictly as its typed model: Kubernetes (fabric8) and Strimzi v1 CRDs. */
class TypedObjectsTest {

    static List<String> overlays() {
        return Repo.OVERLAYS;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectIsAKnownKindWithOnlyKnownFields(String overlay) {
        Manifests m = Manifests.of(overlay);
        List<String> problems = new ArrayList<>();
        for (ObjectNode o : m.objects()) {
            String kind = o.path("kind").asText();
            Class<? extends HasMetadata> type = Manifests.KINDS.get(kind);
            if (type == null) {
                problems.add(Kubectl.key(o) + ": no typed model for kind " + kind + " (add it to Manifests.KINDS)");
                continue;
            }
            try {
                HasMetadata typed = Manifests.typed(o, type);
                String expected = expectedApiVersions(type);
                if (!expected.contains("|" + o.path("apiVersion").asText() + "|")) {
                    problems.add(Kubectl.key(o) + ": apiVersion must be one of " + expected);
                }
                assertThat(typed.getMetadata().getName()).isEqualTo(Kustomize.name(o));
            } catch (JsonMappingException e) {
                problems.add(Kubectl.key(o) + ": " + e.getOriginalMessage() + " at " + e.getPathReference());
            }
        }
        assertThat(problems).as("objects of overlay %s", overlay).isEmpty();
    }

    /** The API versions a model class stands for: fabric8's @Group/@Version, Strimzi's RESOURCE_GROUP and VERSIONS. */
    private static String expectedApiVersions(Class<? extends HasMetadata> type) {
        try {
            String group = (String) type.getField("RESOURCE_GROUP").get(null);
            List<?> versions = (List<?>) type.getField("VERSIONS").get(null);
            StringBuilder out = new StringBuilder("|");
            versions.forEach(v -> out.append(group).append('/').append(v).append('|'));
            return out.toString();
        } catch (NoSuchFieldException e) {
            return "|" + HasMetadata.getApiVersion(type) + "|";
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMisspeltFieldIsCaughtWithItsPath() {
        ObjectNode sts = Manifests.of("dev").raw("StatefulSet").get(0).deepCopy();
        ((ObjectNode) sts.path("spec").path("template").path("spec").path("containers").get(0)).put("readinesProbe", "x");
        assertThatThrownBy(() -> Manifests.typed(sts, StatefulSet.class)).isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("readinesProbe");
    }

    @Test
    void aStrimziFieldThatV1NoLongerHasIsCaught() {
        // spec.kafka.replicas moved to KafkaNodePool and is gone from the v1 Kafka CRD.
        ObjectNode kafka = Manifests.of("production").raw("Kafka").get(0).deepCopy();
        ((ObjectNode) kafka.path("spec").path("kafka")).put("replicas", 3);
        assertThatThrownBy(() -> Manifests.typed(kafka, Kafka.class)).isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("replicas");
        // v1 KafkaUser ACLs take a list of operations; the singular v1beta2 field is gone.
        ObjectNode user = Manifests.of("production").raw("KafkaUser").get(0).deepCopy();
        ((ObjectNode) user.path("spec").path("authorization").path("acls").get(0)).put("operation", "Read");
        assertThatThrownBy(() -> Manifests.typed(user, KafkaUser.class)).isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("operation");
    }
}
