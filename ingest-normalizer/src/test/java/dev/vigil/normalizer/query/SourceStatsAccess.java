package dev.vigil.normalizer.query;

import java.util.Map;

/** Test access to the counter arithmetic of {@link SourceStats}. */
public final class SourceStatsAccess {

    private SourceStatsAccess() {
    }

    public static SourceView.Counters counters(String source, Map<String, Long> all) {
        return SourceStats.counters(source, all);
    }
}
