package dev.vigil.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.user.KafkaUser;

/** The images the manifests run are the ones the build makes; secrets stay out of the repository. */
class ImagesAndSecretsTest {

    static List<String> apps() {
        return Repo.APPS;
    }

    @ParameterizedTest
    @MethodSource("apps")
    void theDockerfileRunsTheQuarkusJvmLayoutAsANonRootUser(String app) {
        Path module = Repo.root().resolve(app);
        Dockerfile d = Dockerfile.read(module);
        assertThat(d.from()).as("a Java 17 runtime base image").contains("17");
        assertThat(d.user()).as("numeric non-root USER").hasValueSatisfying(u -> assertThat(Integer.parseInt(u)).isPositive());
        assertThat(d.workDir()).contains("/deployments");
        for (String part : List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/",
                "target/quarkus-app/quarkus/")) {
            assertThat(d.copies()).as("COPY %s", part).anyMatch(c -> c.contains(part));
        }
        assertThat(d.entrypoint()).contains("/deployments/quarkus-run.jar").contains("$JAVA_OPTS");
        assertThat(d.exposed()).containsExactly(8080);
        // What the COPY lines take exists once the app is built (the fast-jar layout).
        Path quarkusApp = module.resolve("target/quarkus-app");
        for (String built : List.of("lib/main", "app", "quarkus", "quarkus-run.jar")) {
            assertThat(quarkusApp.resolve(built)).exists();
        }
    }

    @ParameterizedTest
    @MethodSource("apps")
    void theMavenImageBuildMakesTheDockerfilesImage(String app) throws IOException {
        Path module = Repo.root().resolve(app);
        Dockerfile d = Dockerfile.read(module);
        assertThat(Files.readString(module.resolve("pom.xml"))).as("%s builds its image with Jib", app)
                .contains("<artifactId>quarkus-container-image-jib</artifactId>");
        Map<String, String> p = AppConfig.readProperties(module.resolve("src/main/resources/application.properties"));
        assertThat(p.get("quarkus.container-image.group")).as("the manifests run vigil/<artifactId>").isEqualTo("vigil");
        assertThat(p.get("quarkus.jib.base-jvm-image")).isEqualTo(d.from());
        assertThat(p.get("quarkus.jib.user")).isEqualTo(d.user().orElseThrow());
        assertThat(p.get("quarkus.jib.working-directory")).isEqualTo(d.workDir().orElseThrow());
        assertThat(p.get("quarkus.jib.ports")).isEqualTo(d.exposed().stream().map(String::valueOf).collect(Collectors.joining(",")));
        // ENTRYPOINT ["/bin/sh", "-c", "exec java ..."] is the same command as the list /bin/sh,-c,exec java ...
        String entrypoint = d.entrypoint().replaceAll("^\\[\"|\"]$", "").replace("\", \"", ",");
        assertThat(p.get("quarkus.jib.jvm-entrypoint")).isEqualTo(entrypoint);
        String javaOpts = d.env().stream().filter(e -> e.startsWith("JAVA_OPTS=")).findFirst().orElseThrow()
                .substring("JAVA_OPTS=".length()).replace("\"", "");
        assertThat(p.get("quarkus.jib.environment-variables.\"JAVA_OPTS\"")).isEqualTo(javaOpts);
    }

    @ParameterizedTest
    @MethodSource("dev.vigil.k8s.TypedObjectsTest#overlays")
    void eachAppRunsTheImageItsBuildProduces(String overlay) throws IOException {
        String version = projectVersion();
        for (AppDeployment d : AppDeployment.of(Manifests.of(overlay))) {
            String artifactId = artifactId(Repo.root().resolve(d.app()));
            String image = d.container().getImage();
            assertThat(image).as("%s image", d.name()).matches("(.+/)?vigil/" + Pattern.quote(artifactId) + ":" + Pattern.quote(version));
            assertThat(d.container().getImagePullPolicy()).isEqualTo("IfNotPresent");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.vigil.k8s.TypedObjectsTest#overlays")
    void noSecretValuesAndEverySecretReferenceHasAnOwner(String overlay) throws IOException {
        Manifests m = Manifests.of(overlay);
        assertThat(m.raw("Secret")).as("no Secret objects (values never live in the repository)").isEmpty();
        String kafka = m.all(Kafka.class).get(0).getMetadata().getName();
        Set<String> strimziMade = m.all(KafkaUser.class).stream().map(u -> u.getMetadata().getName()).collect(Collectors.toSet());
        strimziMade.add(kafka + "-cluster-ca-cert");
        String docs = Files.readString(Repo.root().resolve("docs/kubernetes.md"));
        List<String> problems = new ArrayList<>();
        for (AppDeployment d : AppDeployment.of(m)) {
            List<String> refs = new ArrayList<>();
            for (EnvVar e : d.container().getEnv()) {
                if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                    refs.add(e.getValueFrom().getSecretKeyRef().getName());
                }
            }
            for (Volume v : d.statefulSet().getSpec().getTemplate().getSpec().getVolumes()) {
                if (v.getSecret() != null) {
                    refs.add(v.getSecret().getSecretName());
                }
            }
            for (String ref : refs) {
                // Either Strimzi makes it, or the install steps tell the operator to create it.
                if (!strimziMade.contains(ref) && !docs.contains("kubectl create secret generic " + ref)) {
                    problems.add(d.name() + ": Secret " + ref + " is made by nobody (not Strimzi, not docs/kubernetes.md)");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noSecretValueIsCommittedUnderK8s() throws IOException {
        try (Stream<Path> files = Files.walk(Repo.k8s())) {
            List<Path> yaml = files.filter(p -> !p.startsWith(Repo.k8s().resolve("target")))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".properties")).toList();
            assertThat(yaml).isNotEmpty();
            for (Path p : yaml) {
                String text = Files.readString(p);
                assertThat(text).as("%s", p).doesNotContainPattern("(?m)^kind:\\s*Secret\\b")
                        .doesNotContainPattern("(?i)password\\s*[=:]\\s*\\S+").doesNotContain("BEGIN CERTIFICATE");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.vigil.k8s.TypedObjectsTest#overlays")
    void theSloFilesAreMountedWhereAlertingLooksAndAlertingAcceptsThem(String overlay) throws Exception {
        AppDeployment d = AppDeployment.of(Manifests.of(overlay), "alerting");
        Map<String, ConfigMap> mounted = d.mountedConfigMaps();
        Map.Entry<String, ConfigMap> slos = mounted.entrySet().stream()
                .filter(e -> e.getValue().getMetadata().getName().startsWith("vigil-slos")).findFirst()
                .orElseThrow(() -> new AssertionError("the SLO ConfigMap is not mounted into alerting"));
        assertThat(d.env()).as("alerting is told where the SLO files are").containsValue(slos.getKey());
        assertThat(slos.getValue().getData()).isNotEmpty();

        // Parsed by alerting's own SLO parser (its plain-Java domain), through the app's classpath.
        ClassLoader loader = AppConfig.load(Repo.root().resolve("alerting")).loader();
        Class<?> parser = Class.forName("dev.vigil.alerting.slo.SloParser", true, loader);
        Method parse = parser.getMethod("parse", String.class, String.class, String.class, Instant.class);
        for (Map.Entry<String, String> file : slos.getValue().getData().entrySet()) {
            Object result = parse.invoke(null, file.getValue(), file.getKey(), "file", Instant.now());
            List<?> errors = (List<?>) result.getClass().getMethod("errors").invoke(result);
            List<?> parsed = (List<?>) result.getClass().getMethod("slos").invoke(result);
            assertThat(errors).as("%s", file.getKey()).isEmpty();
            assertThat(parsed).as("%s", file.getKey()).isNotEmpty();
        }
    }

    private static String projectVersion() throws IOException {
        return firstTag(Files.readString(Repo.root().resolve("pom.xml")).replaceFirst("(?s)<parent>.*?</parent>", ""), "version");
    }

    private static String artifactId(Path module) throws IOException {
        return firstTag(Files.readString(module.resolve("pom.xml")).replaceFirst("(?s)<parent>.*?</parent>", ""), "artifactId");
    }

    private static String firstTag(String xml, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">([^<]+)</" + tag + ">").matcher(xml);
        if (!m.find()) {
            throw new AssertionError("no <" + tag + ">");
        }
        return m.group(1).trim();
    }
}
