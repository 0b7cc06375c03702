package dev.vigil.normalizer.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * AWS Application Load Balancer access logs (every documented field, in order: type time elb
 * client:port target:port request_processing_time target_processing_time response_processing_time
 * elb_status_code target_status_code received_bytes sent_bytes "request" "user_agent" ssl_cipher
 * ssl_protocol target_group_arn "trace_id" "domain_name" "chosen_cert_arn" matched_rule_priority
 * request_creation_time "actions_executed" "redirect_url" "error_reason" "target:port_list"
 * "target_status_code_list" "classification" "classification_reason" conn_trace_id; later fields optional)
 * and Classic ELB access logs (time elb client:port backend:port three times elb_status backend_status
 * received sent "request" "user_agent" ssl_cipher ssl_protocol), told apart by the first field.
 *
 * <p>A {@code -1} processing time or a {@code -} target status means the target never answered: an
 * availability error without latency (unless the ALB answered by itself with a redirect or fixed
 * response). Latency is the sum of the three processing times. Classic ELB TCP lines ({@code "- - - "}) are skipped.
 */
final class AlbParser {

    private static final Set<String> ALB_TYPES = Set.of("http", "https", "h2", "grpcs", "ws", "wss");

    Parsed parse(String line, Envelope envelope, Integer index) {
        LineScanner sc = new LineScanner(line);
        List<String> f = new ArrayList<>(32);
        String v;
        while ((v = sc.field("field")) != null) {
            f.add(v);
        }
        if (f.isEmpty()) {
            throw Reject.unparseable("blank line");
        }
        if (ALB_TYPES.contains(f.get(0))) {
            return alb(f, envelope, index);
        }
        if (f.get(0).length() > 10 && f.get(0).charAt(4) == '-' && f.get(0).charAt(10) == 'T') {
            return elb(f, envelope, index);
        }
        throw Reject.unparseable("neither an ALB line (type http|https|h2|grpcs|ws|wss first) nor a Classic ELB line (time first): "
                + Reject.excerpt(f.get(0)));
    }

    private static Parsed alb(List<String> f, Envelope envelope, Integer index) {
        if (f.size() < 14) {
            throw Reject.unparseable("ALB line has " + f.size() + " fields; at least 14 (type .. user_agent) are needed");
        }
        RawRequest.Builder b = RawRequest.builder();
        String created = f.size() > 21 ? f.get(21) : "-";
        b.timestampMs(Timestamps.iso(Text.absent(created) ? f.get(1) : created));
        b.loadBalancer(f.get(2));
        boolean noTarget = times(b, f.get(5), f.get(6), f.get(7)) | Text.absent(f.get(9));
        elbStatus(b, f.get(8));
        b.responseBytes(Text.bytes(f.get(11), "sent_bytes"));
        RequestLine.parse(f.get(12), b);
        if ("grpcs".equals(f.get(0))) {
            b.protocol("grpc");
        }
        if (f.size() > 16) {
            b.targetGroup(Text.orNull(f.get(16)));
        }
        if (f.size() > 17) {
            b.requestId(traceRoot(f.get(17)));
        }
        if (f.size() > 18) {
            b.authority(Text.orNull(f.get(18)));
        }
        String actions = f.size() > 22 ? f.get(22) : "-";
        boolean answeredByAlb = !actions.contains("forward") && (actions.contains("redirect") || actions.contains("fixed-response"));
        if (noTarget && !answeredByAlb) {
            b.serverFailed(Boolean.TRUE);
        }
        return new Parsed.Request(index, Format.ALB, b.envelope(envelope).build());
    }

    private static Parsed elb(List<String> f, Envelope envelope, Integer index) {
        if (f.size() < 12) {
            throw Reject.unparseable("Classic ELB line has " + f.size() + " fields; at least 12 (time .. request) are needed");
        }
        RawRequest.Builder b = RawRequest.builder();
        b.timestampMs(Timestamps.iso(f.get(0)));
        b.loadBalancer(f.get(1));
        String request = f.get(11);
        if (RequestLine.isTcp(request)) {
            return new Parsed.Skipped(index, "TCP listener connection ('- - -' request), not an HTTP request");
        }
        boolean noBackend = times(b, f.get(4), f.get(5), f.get(6)) | Text.absent(f.get(8));
        elbStatus(b, f.get(7));
        b.responseBytes(Text.bytes(f.get(10), "sent_bytes"));
        RequestLine.parse(request, b);
        if (noBackend) {
            b.serverFailed(Boolean.TRUE);
        }
        return new Parsed.Request(index, Format.ALB, b.envelope(envelope).build());
    }

    /** Sets the latency from the three processing times; true when one is -1 (no target response). */
    private static boolean times(RawRequest.Builder b, String request, String target, String response) {
        if (request.equals("-1") || target.equals("-1") || response.equals("-1")) {
            return true;
        }
        b.latencyMs((Text.decimal(request, "request_processing_time") + Text.decimal(target, "target_processing_time")
                + Text.decimal(response, "response_processing_time")) * 1000.0);
        return false;
    }

    private static void elbStatus(RawRequest.Builder b, String code) {
        b.status(Text.absent(code) ? null : Text.status(code, "elb_status_code"));
    }

    /** {@code Root=1-58337281-1d84f3d73c47ec4e58577259} out of {@code Self=...;Root=...;Sampled=1}. */
    static String traceRoot(String traceId) {
        if (Text.absent(traceId)) {
            return null;
        }
        int at = traceId.indexOf("Root=");
        if (at < 0) {
            return null;
        }
        int end = traceId.indexOf(';', at);
        String root = traceId.substring(at + 5, end < 0 ? traceId.length() : end);
        return root.isEmpty() ? null : root;
    }
}
