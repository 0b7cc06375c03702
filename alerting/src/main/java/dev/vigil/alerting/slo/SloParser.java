package dev.vigil.alerting.slo;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads SLOs from text: the Vigil format (a document with a top-level {@code slos:} list) and
 * OpenSLO v1 {@code kind: SLO} documents (ratio and threshold indicators whose metric source is of
 * type {@code Vigil} and names a service and optionally an endpoint), any number of YAML documents
 * in one text. JSON is YAML, so request bodies go through the same code. Every problem found is
 * reported with where it is; a text with any problem yields no SLOs.
 */
public final class SloParser {

    static final Set<String> VIGIL_FIELDS = Set.of("id", "service", "endpoint", "sli", "latencyThresholdMs", "target", "period",
            "displayName", "description", "labels", "runbookUrl", "minEvents", "noDataAfter", "rules");
    static final Set<String> RULE_FIELDS = Set.of("severity", "burnRate", "longWindow", "shortWindow");
    static final Set<String> OPENSLO_IGNORED_KINDS = Set.of("Service", "DataSource", "AlertPolicy", "AlertCondition",
            "AlertNotificationTarget");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SloParser() {
    }

    /** What a text held: SLOs when {@code errors} is empty. */
    public record Result(List<Slo> slos, List<String> errors) {
        public Result {
            slos = List.copyOf(slos);
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /**
     * Parses every document of {@code text}. {@code source} names the text in messages (a file name,
     * or "request"); {@code origin} is recorded on each SLO; {@code now} is its updatedAt.
     */
    public static Result parse(String text, String source, String origin, Instant now) {
        Problems problems = new Problems(source);
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text == null ? "" : text)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null && !doc.isMissingNode() && !doc.isNull()) {
                    docs.add(doc);
                }
            }
        } catch (JsonProcessingException e) {
            problems.add(syntax(e));
            return problems.result(List.of());
        } catch (IOException | RuntimeException e) {
            problems.add("not valid YAML: " + e.getMessage());
            return problems.result(List.of());
        }
        if (docs.isEmpty()) {
            problems.add("no SLO found (expected a top-level 'slos:' list or OpenSLO 'kind: SLO' documents)");
            return problems.result(List.of());
        }
        Map<String, JsonNode> openSloSlis = new HashMap<>();
        for (JsonNode doc : docs) {
            if (isOpenSlo(doc) && "SLI".equals(doc.path("kind").asText())) {
                openSloSlis.put(doc.path("metadata").path("name").asText(), doc);
            }
        }
        List<Slo> slos = new ArrayList<>();
        for (int d = 0; d < docs.size(); d++) {
            JsonNode doc = docs.get(d);
            String where = docs.size() > 1 ? "document " + (d + 1) : "";
            if (isOpenSlo(doc)) {
                OpenSlo.parse(doc, where, origin, now, openSloSlis, problems, slos);
            } else if (doc.isObject() && doc.has("slos")) {
                parseVigilFile(doc, where, origin, now, problems, slos);
            } else {
                problems.add(prefix(where) + "neither a Vigil SLO file (a top-level 'slos:' list) nor an OpenSLO document (apiVersion: openslo/v1)");
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < slos.size(); i++) {
            Integer before = seen.putIfAbsent(slos.get(i).id(), i);
            if (before != null) {
                problems.add("id '" + slos.get(i).id() + "' is defined more than once");
            }
        }
        return problems.result(slos);
    }

    /** One SLO in the Vigil format, as a JSON or YAML mapping (the body of {@code PUT /api/v1/slos/{id}}). */
    public static Result parseOne(String text, String id, String origin, Instant now) {
        Problems problems = new Problems("request");
        JsonNode node;
        try {
            node = YAML.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            problems.add(syntax(e));
            return problems.result(List.of());
        }
        if (node == null || !node.isObject()) {
            problems.add("the body must be one SLO as a JSON object (fields: " + new TreeSet<>(VIGIL_FIELDS) + ")");
            return problems.result(List.of());
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = ((com.fasterxml.jackson.databind.node.ObjectNode) node).deepCopy();
        if (!copy.has("id")) {
            copy.put("id", id);
        } else if (!id.equals(copy.path("id").asText())) {
            problems.add("id: '" + copy.path("id").asText() + "' in the body differs from '" + id + "' in the path");
            return problems.result(List.of());
        }
        List<Slo> out = new ArrayList<>();
        Slo slo = parseVigilSlo(copy, "", origin, now, problems);
        if (slo != null) {
            out.add(slo);
        }
        return problems.result(out);
    }

    private static boolean isOpenSlo(JsonNode doc) {
        return doc.isObject() && doc.path("apiVersion").asText("").startsWith("openslo/");
    }

    private static void parseVigilFile(JsonNode doc, String where, String origin, Instant now, Problems problems, List<Slo> out) {
        Iterator<String> names = doc.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!n.equals("slos")) {
                problems.add(prefix(where) + "unknown top-level field '" + n + "' (a Vigil SLO file has only 'slos')");
            }
        }
        JsonNode list = doc.get("slos");
        if (!list.isArray()) {
            problems.add(prefix(where) + "slos: must be a list of SLOs");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            Slo slo = parseVigilSlo(list.get(i), prefix(where) + "slos[" + i + "]", origin, now, problems);
            if (slo != null) {
                out.add(slo);
            }
        }
    }

    static Slo parseVigilSlo(JsonNode n, String path, String origin, Instant now, Problems problems) {
        if (!n.isObject()) {
            problems.add(path + ": must be a mapping with id, service, sli, target, ...");
            return null;
        }
        Fields f = new Fields(n, path, problems);
        f.onlyKnown(VIGIL_FIELDS);
        String id = f.string("id", true);
        String service = f.string("service", true);
        String endpoint = f.string("endpoint", false);
        String sliText = f.string("sli", true);
        SliType sli = null;
        if (sliText != null) {
            sli = switch (sliText.toLowerCase(Locale.ROOT)) {
                case "availability" -> SliType.AVAILABILITY;
                case "latency" -> SliType.LATENCY;
                default -> {
                    f.error("sli", "must be availability or latency, got '" + sliText + "'");
                    yield null;
                }
            };
        }
        Double threshold = f.number("latencyThresholdMs", false);
        Double target = f.number("target", true);
        Period period = f.period("period");
        Map<String, String> labels = f.labels("labels");
        Long minEvents = f.integer("minEvents");
        Duration noData = f.duration("noDataAfter");
        List<BurnRule> rules = new ArrayList<>();
        JsonNode rs = n.get("rules");
        if (rs != null && !rs.isNull()) {
            if (!rs.isArray()) {
                f.error("rules", "must be a list of {severity, burnRate, longWindow, shortWindow}");
            } else {
                for (int i = 0; i < rs.size(); i++) {
                    BurnRule r = parseRule(rs.get(i), f.at("rules[" + i + "]"), problems);
                    if (r != null) {
                        rules.add(r);
                    }
                }
            }
        }
        String displayName = f.string("displayName", false);
        String description = f.string("description", false);
        String runbookUrl = f.string("runbookUrl", false);
        if (f.failed() || sli == null) {
            return null;
        }
        Slo slo = new Slo(id, service, endpoint, sli, threshold, target, period, displayName, description, labels, runbookUrl,
                minEvents, noData, rules, origin, now);
        List<String> invalid = SloValidator.validate(slo, path);
        invalid.forEach(problems::add);
        return invalid.isEmpty() ? slo : null;
    }

    private static BurnRule parseRule(JsonNode n, String path, Problems problems) {
        if (!n.isObject()) {
            problems.add(path + ": must be a mapping {severity, burnRate, longWindow, shortWindow}");
            return null;
        }
        Fields f = new Fields(n, path, problems);
        f.onlyKnown(RULE_FIELDS);
        String sev = f.string("severity", true);
        Severity severity = null;
        if (sev != null) {
            switch (sev.toLowerCase(Locale.ROOT)) {
                case "page" -> severity = Severity.PAGE;
                case "ticket" -> severity = Severity.TICKET;
                default -> f.error("severity", "must be page or ticket, got '" + sev + "'");
            }
        }
        Double burn = f.number("burnRate", true);
        Duration longW = f.requiredDuration("longWindow");
        Duration shortW = f.requiredDuration("shortWindow");
        if (f.failed()) {
            return null;
        }
        return new BurnRule(severity, burn, longW, shortW);
    }

    static String prefix(String where) {
        return where == null || where.isEmpty() ? "" : where + ": ";
    }

    private static String syntax(JsonProcessingException e) {
        String loc = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return "not valid YAML/JSON" + loc + ": " + e.getOriginalMessage();
    }

    /** Collects problems of one text, each prefixed with the text's name. */
    static final class Problems {
        private final String source;
        private final List<String> list = new ArrayList<>();

        Problems(String source) {
            this.source = source;
        }

        void add(String problem) {
            list.add(source == null || source.isEmpty() ? problem : source + ": " + problem);
        }

        int count() {
            return list.size();
        }

        Result result(List<Slo> slos) {
            return new Result(list.isEmpty() ? slos : List.of(), list);
        }
    }

    /** Typed access to the fields of one mapping, recording a precise problem for each wrong one. */
    static final class Fields {
        private final JsonNode node;
        private final String path;
        private final Problems problems;
        private final int before;

        Fields(JsonNode node, String path, Problems problems) {
            this.node = node;
            this.path = path;
            this.problems = problems;
            this.before = problems.count();
        }

        String at(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        void error(String field, String message) {
            problems.add(at(field) + ": " + message);
        }

        boolean failed() {
            return problems.count() > before;
        }

        void onlyKnown(Set<String> known) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!known.contains(name)) {
                    error(name, "unknown field (known fields: " + String.join(", ", new TreeSet<>(known)) + ")");
                }
            }
        }

        String string(String field, boolean required) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    error(field, "required");
                }
                return null;
            }
            if (!v.isValueNode()) {
                error(field, "must be a text value");
                return null;
            }
            String s = v.asText();
            if (s.isBlank()) {
                error(field, required ? "required (got an empty value)" : "must not be empty");
                return null;
            }
            return s;
        }

        Double number(String field, boolean required) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    error(field, "required");
                }
                return null;
            }
            if (v.isNumber()) {
                return v.doubleValue();
            }
            if (v.isTextual()) {
                try {
                    return Double.parseDouble(v.asText().trim());
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            error(field, "must be a number, got '" + v.asText() + "'");
            return null;
        }

        Long integer(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isIntegralNumber() || (v.isTextual() && v.asText().trim().matches("-?\\d{1,18}"))) {
                return v.isIntegralNumber() ? v.longValue() : Long.parseLong(v.asText().trim());
            }
            error(field, "must be a whole number, got '" + v.asText() + "'");
            return null;
        }

        Duration duration(String field) {
            String s = string(field, false);
            if (s == null) {
                return null;
            }
            try {
                return Durations.parse(s);
            } catch (IllegalArgumentException e) {
                error(field, e.getMessage());
                return null;
            }
        }

        Duration requiredDuration(String field) {
            if (node.get(field) == null || node.get(field).isNull()) {
                error(field, "required");
                return null;
            }
            return duration(field);
        }

        Period period(String field) {
            String s = string(field, false);
            if (s == null) {
                return new Period.Rolling(30);
            }
            try {
                return Period.parse(s);
            } catch (IllegalArgumentException e) {
                error(field, e.getMessage());
                return null;
            }
        }

        Map<String, String> labels(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return Map.of();
            }
            if (!v.isObject()) {
                error(field, "must be a mapping of label names to values");
                return Map.of();
            }
            Map<String, String> out = new LinkedHashMap<>();
            v.fields().forEachRemaining(e -> {
                JsonNode value = e.getValue();
                if (value.isValueNode() && !value.isNull()) {
                    out.put(e.getKey(), value.asText());
                } else if (value.isArray()) {
                    // OpenSLO labels may be lists of values; one label value keeps them all.
                    List<String> parts = new ArrayList<>();
                    value.forEach(x -> parts.add(x.asText()));
                    out.put(e.getKey(), String.join(",", parts));
                } else {
                    error(field + "." + e.getKey(), "must be a text value");
                }
            });
            return out;
        }
    }
}
