package dev.vigil.normalizer.parse;

/**
 * The NCSA common/combined prefix shared by nginx and Apache:
 * {@code host ident user [time] "request" status bytes ["referer" "user-agent"]}. The client
 * address, ident, user, referer and user agent are read past and never kept (privacy).
 */
final class CombinedLog {

    private CombinedLog() {
    }

    /** Reads the common-format fields; then, when the next field is quoted, referer and user agent. */
    static void read(LineScanner sc, RawRequest.Builder b) {
        sc.token("client address");
        sc.token("ident");
        sc.token("user");
        b.timestampMs(Timestamps.clf(sc.bracketed("time")));
        RequestLine.parse(sc.quoted("request"), b);
        b.status(Text.status(sc.token("status"), "status"));
        b.responseBytes(Text.bytes(sc.token("response bytes"), "response bytes"));
        if (sc.peek() == '"') {
            sc.quoted("referer");
            sc.quoted("user agent");
        }
    }
}
