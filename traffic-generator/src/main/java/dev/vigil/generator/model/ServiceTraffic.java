package dev.vigil.generator.model;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws one service's requests tick by tick: how many (Poisson around the shaped rate, none during
 * an outage), and for each its time, endpoint, region, response and latency, incidents applied, at
 * the precision its raw format writes. Deterministic for a given seed.
 */
public final class ServiceTraffic {

    private static final String[] USER_AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "okhttp/4.12.0",
        "Go-http-client/2.0",
        "python-requests/2.31.0",
        "curl/8.5.0",
    };
    private static final String[] SEARCH_TERMS = {"red+shoes", "laptop", "coffee", "usb-c+cable", "tent", "desk+lamp"};

    private final ServiceProfile profile;
    private final SplittableRandom rng;
    private final double ratePerSecond;
    private final double phase;
    private final double[] endpointCdf;
    private final String[] endpointNames;
    private final String[][] hostsByRegion;

    public ServiceTraffic(ServiceProfile profile, double ratePerSecond, long seed) {
        this.profile = profile;
        this.ratePerSecond = ratePerSecond;
        this.rng = new SplittableRandom(seed ^ (profile.name().hashCode() * 0x9E3779B97F4A7C15L));
        this.phase = rng.nextDouble() * 2 * Math.PI;
        List<EndpointSpec> endpoints = profile.endpoints();
        this.endpointCdf = new double[endpoints.size()];
        this.endpointNames = endpoints.stream().map(EndpointSpec::endpoint).toArray(String[]::new);
        double sum = endpoints.stream().mapToDouble(EndpointSpec::weight).sum();
        double acc = 0;
        for (int i = 0; i < endpoints.size(); i++) {
            acc += endpoints.get(i).weight() / sum;
            endpointCdf[i] = acc;
        }
        this.hostsByRegion = new String[profile.regions().size()][];
        for (int r = 0; r < hostsByRegion.length; r++) {
            // Kubernetes pod names: <deployment>-<replica set hash>-<pod suffix>
            String replicaSet = kubeName(9);
            hostsByRegion[r] = new String[3];
            for (int h = 0; h < 3; h++) {
                hostsByRegion[r][h] = profile.name() + "-" + replicaSet + "-" + kubeName(5);
            }
        }
    }

    public ServiceProfile profile() {
        return profile;
    }

    /** The mean rate at {@code t} before incidents, requests per second. */
    public double rateAt(long t) {
        return ratePerSecond * Math.max(0.05, TrafficShape.multiplier(t, phase));
    }

    /** Appends the requests of {@code [from, to)} to {@code out} (unsorted). */
    public void generate(long from, long to, IncidentSchedule incidents, List<GeneratedRequest> out) {
        if (to <= from) {
            return;
        }
        double lambda = rateAt((from + to) / 2) * (to - from) / 1000.0;
        int n = poisson(lambda);
        for (int i = 0; i < n; i++) {
            long t = from + rng.nextLong(to - from);
            if (incidents.outage(profile.name(), t)) {
                continue;
            }
            out.add(request(t, incidents));
        }
    }

    private GeneratedRequest request(long t, IncidentSchedule incidents) {
        RawFormat format = profile.format();
        int epIndex = pickEndpoint();
        EndpointSpec ep = profile.endpoints().get(epIndex);
        int regionIndex = rng.nextInt(profile.regions().size());
        String region = profile.regions().get(regionIndex);
        String[] hosts = hostsByRegion[regionIndex];
        // An error spike fails its fraction of requests fast (500/502/503, gRPC UNAVAILABLE), not with timeouts.
        double spike = incidents.errorFraction(profile.name(), t);
        boolean forced = spike > 0 && rng.nextDouble() < spike;
        ResponseKind kind = forced ? ResponseKind.SERVER_ERROR : profile.statuses().pick(rng);
        StatusCodes codes = forced ? StatusCodes.fastFailure(format, rng) : StatusCodes.pick(format, kind, rng);

        double latency = profile.latency().sample(rng) * ep.latencyFactor() * incidents.latencyFactor(profile.name(), t);
        if (kind == ResponseKind.NO_RESPONSE) {
            latency = 10_000 + rng.nextDouble() * 20_000;        // client or proxy timeout
        } else if (codes.http() != null && codes.http() == 504) {
            latency = 15_000 + rng.nextDouble() * 45_000;        // upstream timeout
        } else if (kind == ResponseKind.SERVER_ERROR) {
            latency *= 0.6;                                      // failures are often fast
        }
        // ALB writes -1 processing times when no target answered: no latency at all.
        Double written = format == RawFormat.ALB && codes.http() == null ? null : format.writtenLatency(latency);

        String path = ep.samplePath(rng) + query(ep);
        boolean http2 = rng.nextDouble() < 0.3;
        long responseBytes = (codes.http() == null || codes.http() == 204 || codes.http() == 304) ? 0
                : Math.round(300 + 2_000 * Math.exp(0.8 * rng.nextGaussian()));
        String requestId = switch (format) {
            case INGRESS_NGINX -> IdKind.hex(rng, 32);
            case ENVOY_TEXT, ISTIO_JSON, CANONICAL -> new java.util.UUID(rng.nextLong(), rng.nextLong()).toString();
            case ALB -> "1-" + hex8(t / 1000) + "-" + IdKind.hex(rng, 24);
            case OTLP_HTTP, OTLP_GRPC -> IdKind.hex(rng, 16);
            default -> null;
        };
        String traceId = format.otlp() ? IdKind.hex(rng, 32) : null;
        return new GeneratedRequest(format.writtenTime(t), rng.nextInt(1_000_000), profile.name(), format, region,
                hosts[rng.nextInt(hosts.length)], ep.method(), path, endpointNames[epIndex], kind, codes.http(), codes.grpc(), written,
                200 + rng.nextInt(1800), responseBytes, requestId, traceId, clientIp(format), USER_AGENTS[rng.nextInt(USER_AGENTS.length)],
                format.grpc() ? "grpc" : http2 ? "HTTP/2" : "HTTP/1.1");
    }

    private int pickEndpoint() {
        double u = rng.nextDouble();
        for (int i = 0; i < endpointCdf.length; i++) {
            if (u < endpointCdf[i]) {
                return i;
            }
        }
        return endpointCdf.length - 1;
    }

    /** Query strings real clients send (the normalizer drops them). */
    private String query(EndpointSpec ep) {
        if (!ep.method().equals("GET")) {
            return "";
        }
        if (ep.template().endsWith("/search") || ep.template().endsWith("/suggest")) {
            return "?q=" + SEARCH_TERMS[rng.nextInt(SEARCH_TERMS.length)] + (rng.nextBoolean() ? "&page=" + (1 + rng.nextInt(5)) : "");
        }
        double u = rng.nextDouble();
        if (u < 0.1) {
            return "?page=" + (1 + rng.nextInt(20));
        }
        if (u < 0.15) {
            return "?utm_source=newsletter&utm_campaign=spring";
        }
        return "";
    }

    private String clientIp(RawFormat format) {
        if ((format == RawFormat.NGINX_TIMED || format == RawFormat.INGRESS_NGINX || format == RawFormat.NGINX_COMBINED)
                && rng.nextDouble() < 0.03) {
            return "2001:db8:" + Integer.toHexString(rng.nextInt(0xffff)) + "::" + Integer.toHexString(1 + rng.nextInt(0xfffe));
        }
        String[] nets = {"203.0.113.", "198.51.100.", "192.0.2."};
        return nets[rng.nextInt(nets.length)] + (1 + rng.nextInt(254));
    }

    private static String hex8(long value) {
        String h = Long.toHexString(value);
        return h.length() >= 8 ? h : "0".repeat(8 - h.length()) + h;
    }

    private String kubeName(int length) {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(rng.nextInt(alphabet.length()));
        }
        return new String(out);
    }

    /** Poisson draws: exact (Knuth) for small means, a rounded normal approximation for large ones. */
    private int poisson(double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda < 40) {
            double limit = Math.exp(-lambda);
            double p = 1;
            int k = 0;
            do {
                k++;
                p *= rng.nextDouble();
            } while (p > limit);
            return k - 1;
        }
        return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.nextGaussian()));
    }
}
