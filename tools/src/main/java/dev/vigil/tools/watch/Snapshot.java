package dev.vigil.tools.watch;

import java.time.Instant;
import java.util.List;

/** Everything one frame of the live view shows. */
public record Snapshot(Instant now, Instant endsAt, String banner, List<AlertLine> alerts, List<ServiceRow> services,
        List<String> problems) {
}
