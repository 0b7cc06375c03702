package dev.vigil.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's peak resident memory and CPU time, from Linux's /proc. */
public record ProcStats(long peakRssKib, double cpuSeconds, double childrenCpuSeconds) {

    /** Clock ticks per second of /proc/[pid]/stat times (USER_HZ: 100 on Linux on every common architecture). */
    static final double USER_HZ = 100;

    public static ProcStats of(long pid) {
        try {
            long hwm = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command (which may hold spaces) start after the last ')': state is field 3, utime 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / USER_HZ;
            // cutime + cstime (fields 16, 17): CPU of children that ended and were waited for, e.g. a tool run.
            double children = (Long.parseLong(f[13]) + Long.parseLong(f[14])) / USER_HZ;
            return new ProcStats(hwm, cpu, children);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read /proc for pid " + pid + ": " + e.getMessage(), e);
        }
    }

    /** This JVM's own stats. */
    public static ProcStats self() {
        return of(ProcessHandle.current().pid());
    }

    public double peakRssMib() {
        return peakRssKib / 1024.0;
    }
}
