package dev.vigil.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import dev.vigil.tools.cli.Args;
import dev.vigil.tools.cli.ClientOptions;

/**
 * Creates the topics that are missing, in one Admin client round trip (the local stack's
 * {@code up} needs about a dozen; one TopicCommand JVM per topic took about 3 s each here).
 * Idempotent: existing topics are left as they are.
 */
public final class Topics {

    static final String USAGE = """
            usage: topics TOPIC... [options]
              --partitions N           partitions of each new topic (default 6)
              --replication-factor N   (default 1)
              --compact TOPIC          create TOPIC with cleanup.policy=compact (repeatable)
              --declared-in FILE       also the topics an app's application.properties lists in
                                       quarkus.kafka-streams.topics (${key:default} resolved; repeatable)
              --bootstrap-servers H / --command-config FILE / --property K=V   as for tail
            """;
    private static final Set<String> VALUED = Tail.union(Set.of("--partitions", "--replication-factor", "--compact", "--declared-in"), ClientOptions.OPTIONS);

    private final PrintStream out;
    private final PrintStream err;

    public Topics(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Topics(System.out, System.err).run(args, System.getenv(), System.getProperties()));
    }

    /** The topics a Quarkus Kafka Streams app waits for: {@code quarkus.kafka-streams.topics}, placeholders resolved. */
    static List<String> declaredTopics(Path file) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            p.load(in);
        }
        String value = p.getProperty("quarkus.kafka-streams.topics");
        List<String> topics = new ArrayList<>();
        if (value == null) {
            return topics;
        }
        for (String part : resolve(value, p, 0).split(",")) {
            if (!part.isBlank()) {
                topics.add(part.trim());
            }
        }
        return topics;
    }

    /** Resolves {@code ${key}} and {@code ${key:default}} the way MicroProfile Config does for these files. */
    static String resolve(String value, Properties p, int depth) {
        if (depth > 10) {
            throw new IllegalArgumentException("placeholders nest too deep in '" + value + "'");
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            int open = value.indexOf("${", i);
            if (open < 0) {
                out.append(value.substring(i));
                break;
            }
            int close = value.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed placeholder in '" + value + "'");
            }
            out.append(value, i, open);
            String expr = value.substring(open + 2, close);
            int colon = expr.indexOf(':');
            String key = colon < 0 ? expr : expr.substring(0, colon);
            String fallback = colon < 0 ? null : expr.substring(colon + 1);
            String v = p.getProperty(key, fallback);
            if (v == null) {
                throw new IllegalArgumentException("no value for ${" + key + "}");
            }
            out.append(resolve(v, p, depth + 1));
            i = close + 1;
        }
        return out.toString();
    }

    public int run(String[] args, Map<String, String> env, Properties system) {
        Args a;
        ClientOptions client;
        try {
            a = Args.parse(args, Set.of("--help"), VALUED);
            if (a.flag("--help")) {
                out.print(USAGE);
                return 0;
            }
            if (a.positional().isEmpty() && a.values("--declared-in").isEmpty()) {
                throw new Args.UsageException("name at least one topic");
            }
            client = ClientOptions.from(a, env, system);
        } catch (Args.UsageException e) {
            err.println("topics: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        int partitions = (int) a.number("--partitions", 6);
        short replication = (short) a.number("--replication-factor", 1);
        Set<String> compacted = new HashSet<>(a.values("--compact"));
        Set<String> wanted = new LinkedHashSet<>(a.positional());
        wanted.addAll(compacted);
        for (String file : a.values("--declared-in")) {
            try {
                wanted.addAll(declaredTopics(Path.of(file)));
            } catch (IOException | IllegalArgumentException e) {
                err.println("topics: cannot read the topics of " + file + ": " + e.getMessage());
                return 2;
            }
        }
        Map<String, Object> config = new java.util.HashMap<>(client.kafka());
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String t : wanted) {
                if (!existing.contains(t)) {
                    missing.add(new NewTopic(t, Optional.of(partitions), Optional.of(replication))
                            .configs(compacted.contains(t) ? Map.of("cleanup.policy", "compact") : Map.of()));
                }
            }
            List<String> created = new ArrayList<>();
            for (var e : admin.createTopics(missing).values().entrySet()) {
                try {
                    e.getValue().get(20, TimeUnit.SECONDS);
                    created.add(e.getKey());
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        err.println("topics: cannot create " + e.getKey() + ": " + ex.getCause().getMessage());
                        return 1;
                    }
                }
            }
            out.println("topics: " + (created.isEmpty() ? "all " + wanted.size() + " exist" : "created " + String.join(", ", created)));
            return 0;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            err.println("topics: Kafka at " + client.bootstrapServers() + " did not answer: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
