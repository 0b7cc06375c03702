package dev.vigil.normalizer.parse;

/**
 * Apache httpd {@code common} and {@code combined} logs, optionally followed by {@code %D} (the time
 * taken to serve the request, in microseconds).
 */
final class ApacheParser {

    Parsed.Request parse(String line, Envelope envelope, Integer index) {
        LineScanner sc = new LineScanner(line);
        RawRequest.Builder b = RawRequest.builder();
        CombinedLog.read(sc, b);
        if (!sc.atEnd()) {
            String micros = sc.token("%D");
            long us = Text.digits(micros);
            if (us < 0) {
                throw Reject.invalid("%D is not a number of microseconds: " + Reject.excerpt(micros));
            }
            b.latencyMs(us / 1000.0);
            if (!sc.atEnd()) {
                throw Reject.unparseable("unexpected field after %D: not Apache common/combined");
            }
        }
        return new Parsed.Request(index, Format.APACHE, b.envelope(envelope).build());
    }
}
