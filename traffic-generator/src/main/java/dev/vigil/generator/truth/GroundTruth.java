package dev.vigil.generator.truth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vigil.avro.Outcome;
import dev.vigil.generator.format.Encoded;
import dev.vigil.generator.model.Durations;
import dev.vigil.generator.model.GeneratedRequest;
import dev.vigil.generator.model.Incident;

/**
 * Counts what the generator wrote and writes it as JSON lines (see {@link GroundTruthData} for the
 * format): the run, the incidents, then one {@code minute} line per service per minute as soon as the
 * minute is over (zero-traffic minutes included), then per-topic totals and an {@code end} line.
 * Latency quantiles are exact (nearest rank), over the latencies as the raw lines write them.
 */
public final class GroundTruth {

    private static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99, 0.999};
    private static final String[] QUANTILE_FIELDS = {"p50Ms", "p90Ms", "p95Ms", "p99Ms", "p999Ms"};

    private final Writer out;
    private final List<String> services;
    private final ObjectMapper json = new ObjectMapper();
    private final TreeMap<Long, Map<String, MinuteStats>> open = new TreeMap<>();
    private final Map<String, long[]> topics = new LinkedHashMap<>();
    private long nextMinute = Long.MIN_VALUE;
    private long requests;
    private long records;

    public GroundTruth(Writer out, List<String> services, List<String> topicNames) {
        this.out = out;
        this.services = List.copyOf(services);
        topicNames.forEach(t -> topics.put(t, new long[5]));
    }

    public void start(RunInfo run, List<Incident> incidents) {
        nextMinute = Math.floorDiv(run.start().toEpochMilli(), 60_000L) * 60_000L;
        ObjectNode line = json.createObjectNode();
        line.put("type", "run");
        line.put("version", 1);
        line.put("mode", run.mode());
        line.put("seed", run.seed());
        line.put("start", run.start().toString());
        line.put("startMillis", run.start().toEpochMilli());
        line.put("ratePerSecond", run.ratePerSecond());
        if (run.count() != null) {
            line.put("count", run.count());
        }
        if (run.durationMillis() != null) {
            line.put("durationMillis", run.durationMillis());
        }
        ArrayNode list = line.putArray("services");
        for (RunInfo.ServiceInfo s : run.services()) {
            ObjectNode node = list.addObject();
            node.put("service", s.service());
            node.put("format", s.format());
            node.put("topic", s.topic());
            s.regions().forEach(node.putArray("regions")::add);
            ArrayNode eps = node.putArray("endpoints");
            s.endpoints().forEach(eps::add);
        }
        write(line);
        for (Incident i : incidents) {
            ObjectNode node = json.createObjectNode();
            node.put("type", "incident");
            node.put("service", i.service());
            node.put("kind", i.kind().id());
            node.put("start", i.start().toString());
            node.put("end", i.end().toString());
            node.put("startMillis", i.start().toEpochMilli());
            node.put("endMillis", i.end().toEpochMilli());
            node.put("duration", Durations.format(java.time.Duration.between(i.start(), i.end())));
            node.put("magnitude", i.magnitude());
            write(node);
        }
        flush();
    }

    /** Counts one request that was written (not its duplicates). */
    public void add(GeneratedRequest r) {
        long minute = Math.floorDiv(r.timestampMillis(), 60_000L) * 60_000L;
        if (minute < nextMinute) {
            throw new IllegalStateException("request at " + Instant.ofEpochMilli(r.timestampMillis()) + " after its minute was written");
        }
        open.computeIfAbsent(minute, m -> new LinkedHashMap<>()).computeIfAbsent(r.service(), s -> new MinuteStats()).add(r);
        requests++;
    }

    /** Counts one record written to {@code topic}. */
    public void record(String topic, Encoded e) {
        long[] t = topics.computeIfAbsent(topic, k -> new long[5]);
        t[0]++;
        t[1] += e.events();
        t[2] += e.skippedSpans();
        t[3] += e.invalid() ? 1 : 0;
        t[4] += e.duplicates();
        records++;
    }

    /** Writes every minute that ended at or before {@code epochMillis} (no request can fall in it any more). */
    public void advanceTo(long epochMillis) {
        boolean wrote = false;
        while (nextMinute + 60_000L <= epochMillis) {
            writeMinute(nextMinute);
            nextMinute += 60_000L;
            wrote = true;
        }
        if (wrote) {
            flush();
        }
    }

    /** Writes the remaining minutes up to {@code endMillis}, the topic totals and the end line. */
    public void finish(long endMillis) {
        while (nextMinute < endMillis || !open.isEmpty() && nextMinute <= open.lastKey()) {
            writeMinute(nextMinute);
            nextMinute += 60_000L;
        }
        topics.forEach((topic, t) -> {
            ObjectNode node = json.createObjectNode();
            node.put("type", "topic");
            node.put("topic", topic);
            node.put("records", t[0]);
            node.put("events", t[1]);
            node.put("skippedSpans", t[2]);
            node.put("invalidRecords", t[3]);
            node.put("duplicates", t[4]);
            write(node);
        });
        ObjectNode end = json.createObjectNode();
        end.put("type", "end");
        end.put("end", Instant.ofEpochMilli(endMillis).toString());
        end.put("endMillis", endMillis);
        end.put("requests", requests);
        end.put("records", records);
        write(end);
        flush();
    }

    public long requests() {
        return requests;
    }

    public long records() {
        return records;
    }

    private void writeMinute(long minute) {
        Map<String, MinuteStats> stats = open.remove(minute);
        for (String service : services) {
            MinuteStats s = stats == null ? null : stats.get(service);
            write((s == null ? new MinuteStats() : s).toJson(json, service, minute));
        }
    }

    private void write(ObjectNode node) {
        try {
            out.write(json.writeValueAsString(node));
            out.write('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ground truth: " + e.getMessage(), e);
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One service-minute being counted. */
    private static final class MinuteStats {
        private long total;
        private long availability;
        private long client;
        private double[] latencies = new double[16];
        private int latencyCount;
        private final Map<String, long[]> endpoints = new TreeMap<>();
        private final Map<String, long[]> regions = new TreeMap<>();

        void add(GeneratedRequest r) {
            Outcome o = r.outcome();
            total++;
            int index = o == Outcome.AVAILABILITY_ERROR ? 1 : o == Outcome.CLIENT_ERROR ? 2 : 0;
            if (index == 1) {
                availability++;
            } else if (index == 2) {
                client++;
            }
            count(endpoints, r.endpoint(), index);
            count(regions, r.region(), index);
            if (r.latencyMs() != null) {
                if (latencyCount == latencies.length) {
                    latencies = Arrays.copyOf(latencies, latencies.length * 2);
                }
                latencies[latencyCount++] = r.latencyMs();
            }
        }

        private static void count(Map<String, long[]> map, String key, int index) {
            long[] c = map.computeIfAbsent(key, k -> new long[3]);
            c[0]++;
            if (index > 0) {
                c[index]++;
            }
        }

        ObjectNode toJson(ObjectMapper json, String service, long minute) {
            ObjectNode node = json.createObjectNode();
            node.put("type", "minute");
            node.put("service", service);
            node.put("start", Instant.ofEpochMilli(minute).toString());
            node.put("startMillis", minute);
            node.put("total", total);
            node.put("availabilityErrors", availability);
            node.put("clientErrors", client);
            node.put("latencyCount", latencyCount);
            double[] sorted = Quantiles.sortedCopy(latencies, latencyCount);
            for (int i = 0; i < QUANTILES.length; i++) {
                Double q = Quantiles.nearestRank(sorted, latencyCount, QUANTILES[i]);
                if (q == null) {
                    node.putNull(QUANTILE_FIELDS[i]);
                } else {
                    node.put(QUANTILE_FIELDS[i], q);
                }
            }
            putCounts(node.putObject("endpoints"), endpoints);
            putCounts(node.putObject("regions"), regions);
            return node;
        }

        private static void putCounts(ObjectNode target, Map<String, long[]> counts) {
            counts.forEach((k, c) -> {
                ObjectNode n = target.putObject(k);
                n.put("total", c[0]);
                n.put("availabilityErrors", c[1]);
                n.put("clientErrors", c[2]);
            });
        }
    }
}
