package dev.vigil.k8s;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.crdgenerator.annotations.PresentInVersions;

/** A rendered overlay, and its objects as typed Kubernetes (fabric8) and Strimzi model objects. */
record Manifests(String overlay, List<ObjectNode> objects) {

    /** The kinds Vigil deploys, each with its model class. A new kind must be added here to pass the checks. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("ServiceAccount", ServiceAccount.class), Map.entry("Service", Service.class),
            Map.entry("ConfigMap", ConfigMap.class), Map.entry("StatefulSet", StatefulSet.class),
            Map.entry("PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("NetworkPolicy", NetworkPolicy.class), Map.entry("PodMonitor", PodMonitor.class),
            Map.entry("Kafka", Kafka.class), Map.entry("KafkaNodePool", KafkaNodePool.class),
            Map.entry("KafkaTopic", KafkaTopic.class), Map.entry("KafkaUser", KafkaUser.class));

    /**
     * Strict reading: every field must be one the model declares. The models keep unknown fields in an
     * "additionalProperties" map (@JsonAnySetter); here that is switched off, so a misspelt or
     * misplaced field (or, for Strimzi, a field that is not in its v1 CRD) fails with its path.
     */
    static final ObjectMapper STRICT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .registerModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription bean,
                        BeanDeserializerBuilder builder) {
                    for (BeanPropertyDefinition p : bean.findProperties()) {
                        if (!inStrimziV1(p)) {
                            builder.removeProperty(PropertyName.construct(p.getName()));
                        }
                    }
                    return builder;
                }
            }))
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE;
                }

                @Override
                public JsonIgnoreProperties.Value findPropertyIgnoralByName(
                        com.fasterxml.jackson.databind.cfg.MapperConfig<?> config, Annotated a) {
                    JsonIgnoreProperties.Value v = super.findPropertyIgnoralByName(config, a);
                    return a instanceof AnnotatedClass && v != null ? v.withoutIgnoreUnknown() : v;
                }
            });

    /** The Strimzi API version Vigil's manifests use; the model also knows the older v1beta2 fields. */
    static final String STRIMZI_VERSION = "v1";
    private static final List<String> STRIMZI_VERSIONS = List.of("v1alpha1", "v1beta1", "v1beta2", "v1");

    /** Whether a Strimzi model property exists in the v1 CRD, from its @PresentInVersions ("v1beta2", "v1alpha1-v1beta2", "v1+"). */
    static boolean inStrimziV1(BeanPropertyDefinition p) {
        for (var member : java.util.Arrays.asList(p.getGetter(), p.getSetter(), p.getField())) {
            PresentInVersions present = member == null ? null : member.getAnnotation(PresentInVersions.class);
            if (present != null) {
                return inRange(present.value(), STRIMZI_VERSION);
            }
        }
        return true;
    }

    static boolean inRange(String ranges, String version) {
        int v = STRIMZI_VERSIONS.indexOf(version);
        for (String item : ranges.split(",")) {
            String r = item.trim();
            boolean in;
            if (r.endsWith("+")) {
                in = v >= STRIMZI_VERSIONS.indexOf(r.substring(0, r.length() - 1));
            } else if (r.contains("-")) {
                String[] ab = r.split("-", 2);
                in = v >= STRIMZI_VERSIONS.indexOf(ab[0]) && v <= STRIMZI_VERSIONS.indexOf(ab[1]);
            } else {
                in = r.equals(version);
            }
            if (in) {
                return true;
            }
        }
        return false;
    }

    static Manifests of(String overlay) {
        return new Manifests(overlay, Kustomize.render(Repo.overlay(overlay)));
    }

    static <T> T typed(ObjectNode node, Class<T> type) throws JsonMappingException {
        try {
            return STRICT.treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw e;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        String kind = KINDS.entrySet().stream().filter(e -> e.getValue().equals(type)).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).map(o -> {
            try {
                return typed(o, type);
            } catch (JsonMappingException e) {
                throw new IllegalStateException(Kubectl.key(o) + ": " + e.getOriginalMessage(), e);
            }
        }).toList();
    }

    <T extends HasMetadata> T named(Class<T> type, String name) {
        return all(type).stream().filter(o -> Objects.equals(o.getMetadata().getName(), name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no " + type.getSimpleName() + " " + name));
    }

    List<ObjectNode> raw(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }
}
