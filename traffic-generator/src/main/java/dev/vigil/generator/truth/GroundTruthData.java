package dev.vigil.generator.truth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.generator.model.Incident;
import dev.vigil.generator.model.IncidentKind;

/**
 * A ground-truth file read back. The file is JSON lines, each with a {@code type}:
 * <ul>
 * <li>{@code run} (first): mode, seed, start, ratePerSecond, count or durationMillis, and the services
 * with their format, topic, regions and templated endpoints;</li>
 * <li>{@code incident}: service, kind (error-spike | latency | outage), start, end (ISO-8601 and
 * millis), magnitude;</li>
 * <li>{@code minute}: one per service per event-time minute, in time order: total, availabilityErrors,
 * clientErrors, latencyCount, p50Ms/p90Ms/p95Ms/p99Ms/p999Ms (nearest rank; null without latencies),
 * and the same counts per endpoint and per region;</li>
 * <li>{@code topic}: records, events, skippedSpans, invalidRecords, duplicates per raw topic;</li>
 * <li>{@code end} (last): end time, requests, records.</li>
 * </ul>
 * A file without its {@code end} line is from a run still going (minutes are written as they end).
 */
public record GroundTruthData(RunInfo run, List<Incident> incidents, List<MinuteTruth> minutes, List<TopicTotals> topics,
        Optional<Instant> end, long requests, long records) {

    public static GroundTruthData read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ground truth " + file + ": " + e.getMessage(), e);
        }
    }

    public static GroundTruthData parse(Reader reader) throws IOException {
        ObjectMapper json = new ObjectMapper();
        RunInfo run = null;
        List<Incident> incidents = new ArrayList<>();
        List<MinuteTruth> minutes = new ArrayList<>();
        List<TopicTotals> topics = new ArrayList<>();
        Instant end = null;
        long requests = 0;
        long records = 0;
        BufferedReader lines = new BufferedReader(reader);
        String line;
        while ((line = lines.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            switch (n.path("type").asText()) {
                case "run" -> run = run(n);
                case "incident" -> incidents.add(new Incident(n.get("service").asText(), IncidentKind.parse(n.get("kind").asText()),
                        Instant.parse(n.get("start").asText()), Instant.parse(n.get("end").asText()), n.get("magnitude").asDouble()));
                case "minute" -> minutes.add(minute(n));
                case "topic" -> topics.add(new TopicTotals(n.get("topic").asText(), n.get("records").asLong(), n.get("events").asLong(),
                        n.get("skippedSpans").asLong(), n.get("invalidRecords").asLong(), n.get("duplicates").asLong()));
                case "end" -> {
                    end = Instant.parse(n.get("end").asText());
                    requests = n.get("requests").asLong();
                    records = n.get("records").asLong();
                }
                default -> throw new IOException("unknown ground-truth line: " + line);
            }
        }
        if (run == null) {
            throw new IOException("not a ground-truth file: no run line");
        }
        return new GroundTruthData(run, incidents, minutes, topics, Optional.ofNullable(end), requests, records);
    }

    /** The minutes of {@code service}, in time order. */
    public List<MinuteTruth> minutesOf(String service) {
        return minutes.stream().filter(m -> m.service().equals(service)).toList();
    }

    /** The minute of {@code service} that starts at {@code start}. */
    public Optional<MinuteTruth> minute(String service, Instant start) {
        return minutes.stream().filter(m -> m.service().equals(service) && m.start().equals(start)).findFirst();
    }

    public Optional<TopicTotals> topic(String topic) {
        return topics.stream().filter(t -> t.topic().equals(topic)).findFirst();
    }

    private static RunInfo run(JsonNode n) {
        List<RunInfo.ServiceInfo> services = new ArrayList<>();
        for (JsonNode s : n.path("services")) {
            services.add(new RunInfo.ServiceInfo(s.get("service").asText(), s.get("format").asText(), s.get("topic").asText(),
                    strings(s.path("regions")), strings(s.path("endpoints"))));
        }
        return new RunInfo(n.get("mode").asText(), n.get("seed").asLong(), Instant.parse(n.get("start").asText()),
                n.get("ratePerSecond").asDouble(), n.has("count") ? n.get("count").asLong() : null,
                n.has("durationMillis") ? n.get("durationMillis").asLong() : null, services);
    }

    private static MinuteTruth minute(JsonNode n) {
        return new MinuteTruth(n.get("service").asText(), Instant.parse(n.get("start").asText()), n.get("total").asLong(),
                n.get("availabilityErrors").asLong(), n.get("clientErrors").asLong(), n.get("latencyCount").asLong(),
                number(n, "p50Ms"), number(n, "p90Ms"), number(n, "p95Ms"), number(n, "p99Ms"), number(n, "p999Ms"),
                counts(n.path("endpoints")), counts(n.path("regions")));
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }

    private static Map<String, Counts> counts(JsonNode node) {
        Map<String, Counts> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey(), new Counts(e.getValue().get("total").asLong(), e.getValue().get("availabilityErrors").asLong(),
                    e.getValue().get("clientErrors").asLong()));
        }
        return map;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
