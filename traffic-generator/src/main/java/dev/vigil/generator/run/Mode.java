package dev.vigil.generator.run;

/** How time passes in a run. */
public enum Mode {
    /** Event time is the wall clock: requests are written as they "happen", at the target rate. */
    REALTIME,
    /** Event time is simulated from a start instant and runs as fast as the sink accepts records. */
    SIMULATED
}
