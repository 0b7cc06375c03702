package dev.vigil.alerting.slo;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Import of OpenSLO v1 {@code kind: SLO} documents. Vigil counts requests, so it takes what maps
 * onto its SLIs: a {@code ratioMetric} indicator is an availability SLI, a {@code thresholdMetric}
 * with {@code op: lte} (or {@code lt}) and a {@code value} in milliseconds is a latency SLI. Metric
 * sources are of type {@code Vigil} and name the service (and optionally the endpoint) in their
 * {@code spec}. Budgeting is by occurrences; periods are rolling days/weeks or a UTC calendar week
 * or month. Each objective becomes one Vigil SLO (several objectives: {@code <name>-<n>}).
 */
final class OpenSlo {

    static final String API_VERSION = "openslo/v1";

    private OpenSlo() {
    }

    static void parse(JsonNode doc, String where, String origin, Instant now, Map<String, JsonNode> slis,
            SloParser.Problems problems, List<Slo> out) {
        String name = doc.path("metadata").path("name").asText("");
        String at = (where.isEmpty() ? "" : where + " ") + "(" + doc.path("kind").asText("?") + " " + (name.isEmpty() ? "?" : name) + ")";
        String apiVersion = doc.path("apiVersion").asText();
        if (!API_VERSION.equals(apiVersion)) {
            problems.add(at + " apiVersion: only " + API_VERSION + " is supported, got '" + apiVersion + "'");
            return;
        }
        String kind = doc.path("kind").asText("");
        if (kind.equals("SLI") || SloParser.OPENSLO_IGNORED_KINDS.contains(kind)) {
            return;
        }
        if (!kind.equals("SLO")) {
            problems.add(at + " kind: '" + kind + "' is not an OpenSLO v1 kind");
            return;
        }
        if (name.isEmpty()) {
            problems.add(at + " metadata.name: required");
            return;
        }
        int before = problemsCount(problems);
        JsonNode spec = doc.path("spec");
        JsonNode indicator = spec.get("indicator");
        if (indicator == null && spec.hasNonNull("indicatorRef")) {
            String ref = spec.get("indicatorRef").asText();
            JsonNode sliDoc = slis.get(ref);
            if (sliDoc == null) {
                problems.add(at + " spec.indicatorRef: no kind: SLI document named '" + ref + "' in the same input");
                return;
            }
            indicator = sliDoc;
        }
        if (indicator == null) {
            problems.add(at + " spec.indicator: required (or spec.indicatorRef naming an SLI document)");
            return;
        }
        JsonNode ind = indicator.path("spec");
        SliType sli;
        JsonNode source;
        if (ind.has("ratioMetric")) {
            sli = SliType.AVAILABILITY;
            JsonNode ratio = ind.get("ratioMetric");
            JsonNode goodOrBad = ratio.has("good") ? ratio.get("good") : ratio.get("bad");
            if (goodOrBad == null || !ratio.has("total")) {
                problems.add(at + " spec.indicator.spec.ratioMetric: needs good (or bad) and total metric sources");
                return;
            }
            source = goodOrBad.path("metricSource");
            JsonNode total = ratio.get("total").path("metricSource");
            if (!sameTarget(source, total)) {
                problems.add(at + " spec.indicator.spec.ratioMetric: good/bad and total must name the same service and endpoint");
            }
            checkSource(total, at + " spec.indicator.spec.ratioMetric.total.metricSource", problems);
        } else if (ind.has("thresholdMetric")) {
            sli = SliType.LATENCY;
            source = ind.get("thresholdMetric").path("metricSource");
        } else {
            problems.add(at + " spec.indicator.spec: needs ratioMetric (availability) or thresholdMetric (latency)");
            return;
        }
        String srcPath = at + " spec.indicator.spec." + (sli == SliType.AVAILABILITY ? "ratioMetric" : "thresholdMetric") + ".metricSource";
        checkSource(source, srcPath, problems);
        String service = text(source.path("spec").get("service"));
        if (service == null) {
            service = text(spec.get("service"));
        }
        if (service == null) {
            problems.add(srcPath + ".spec.service: required (the Vigil service the SLO is about)");
        }
        String endpoint = text(source.path("spec").get("endpoint"));

        String budgeting = spec.path("budgetingMethod").asText("Occurrences");
        if (!budgeting.equals("Occurrences")) {
            problems.add(at + " spec.budgetingMethod: only Occurrences is supported, got '" + budgeting + "'");
        }
        Period period = period(spec.get("timeWindow"), at + " spec.timeWindow", problems);
        JsonNode objectives = spec.path("objectives");
        if (!objectives.isArray() || objectives.isEmpty()) {
            problems.add(at + " spec.objectives: at least one objective is required");
            return;
        }
        if (problemsCount(problems) > before) {
            return;
        }
        Map<String, String> labels = new SloParser.Fields(doc.path("metadata"), at + " metadata", problems).labels("labels");
        for (int i = 0; i < objectives.size(); i++) {
            JsonNode o = objectives.get(i);
            String op = at + " spec.objectives[" + i + "]";
            Double target = null;
            if (o.hasNonNull("target")) {
                target = o.get("target").asDouble();
            } else if (o.hasNonNull("targetPercent")) {
                target = o.get("targetPercent").asDouble() / 100.0;
            } else {
                problems.add(op + ": target (or targetPercent) is required");
                continue;
            }
            Double threshold = null;
            if (sli == SliType.LATENCY) {
                String cmp = o.path("op").asText("");
                if (!cmp.equals("lte") && !cmp.equals("lt")) {
                    problems.add(op + ".op: a latency objective needs op lte (or lt): good = latency at or under value, got '" + cmp + "'");
                    continue;
                }
                if (!o.path("value").isNumber()) {
                    problems.add(op + ".value: the latency threshold in milliseconds is required");
                    continue;
                }
                threshold = o.get("value").asDouble();
            }
            String id = objectives.size() == 1 ? name : name + "-" + (i + 1);
            String displayName = text(o.get("displayName"));
            if (displayName == null) {
                displayName = text(doc.path("metadata").get("displayName"));
            }
            Slo slo = new Slo(id, service, endpoint, sli, threshold, target, period, displayName, text(spec.get("description")),
                    labels, null, null, null, List.of(), origin, now);
            List<String> invalid = SloValidator.validate(slo, op);
            invalid.forEach(problems::add);
            if (invalid.isEmpty()) {
                out.add(slo);
            }
        }
    }

    private static void checkSource(JsonNode source, String path, SloParser.Problems problems) {
        String type = source.path("type").asText("");
        if (!type.toLowerCase(Locale.ROOT).equals("vigil")) {
            problems.add(path + ".type: '" + type + "' is not supported; Vigil imports metric sources of type Vigil that name a service"
                    + " (spec.service) and optionally an endpoint (spec.endpoint)");
        }
    }

    private static boolean sameTarget(JsonNode a, JsonNode b) {
        return a.path("spec").path("service").asText("").equals(b.path("spec").path("service").asText(""))
                && a.path("spec").path("endpoint").asText("").equals(b.path("spec").path("endpoint").asText(""));
    }

    private static Period period(JsonNode windows, String path, SloParser.Problems problems) {
        if (windows == null || windows.isNull()) {
            return new Period.Rolling(30);
        }
        if (!windows.isArray() || windows.size() != 1) {
            problems.add(path + ": exactly one time window is supported");
            return null;
        }
        JsonNode w = windows.get(0);
        String duration = w.path("duration").asText("");
        boolean rolling = w.path("isRolling").asBoolean(!w.has("calendar"));
        if (!rolling) {
            String tz = w.path("calendar").path("timeZone").asText("UTC");
            if (!tz.equals("UTC") && !tz.equals("Etc/UTC")) {
                problems.add(path + "[0].calendar.timeZone: only UTC calendars are supported, got '" + tz + "'");
                return null;
            }
            return switch (duration) {
                case "1w" -> new Period.CalendarWeek();
                case "1M" -> new Period.CalendarMonth();
                default -> {
                    problems.add(path + "[0].duration: a calendar window must be 1w or 1M, got '" + duration + "'");
                    yield null;
                }
            };
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,3})(d|w)").matcher(duration);
        if (!m.matches()) {
            problems.add(path + "[0].duration: a rolling window must be whole days or weeks (e.g. 28d, 4w), got '" + duration + "'");
            return null;
        }
        int days = Integer.parseInt(m.group(1)) * (m.group(2).equals("w") ? 7 : 1);
        if (days < 1 || days > Period.MAX_ROLLING_DAYS) {
            problems.add(path + "[0].duration: must be between 1d and " + Period.MAX_ROLLING_DAYS + "d, got '" + duration + "'");
            return null;
        }
        return new Period.Rolling(days);
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.asText().isBlank() ? null : n.asText();
    }

    private static int problemsCount(SloParser.Problems problems) {
        return problems.count();
    }
}
