package dev.vigil.normalizer.parse;

/** What a shipper's JSON envelope says around the raw line: service, region and host, each optional. */
public record Envelope(String service, String region, String host) {

    public static final Envelope NONE = new Envelope(null, null, null);
}
