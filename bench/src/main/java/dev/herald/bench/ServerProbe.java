package dev.herald.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a target's processes from /proc: CPU time (utime + stime of /proc/PID/stat, in clock ticks of 10 ms),
 * resident memory and threads (/proc/PID/status), and for a JVM its live heap after a full GC ({@code jcmd}).
 * Because the CPU is the server's own, figures stay comparable while client and server share the cores.
 */
final class ServerProbe {

    private static final double TICK_MS = 10.0; // CLK_TCK is 100 on Linux x86_64
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private ServerProbe() {
    }

    /** CPU milliseconds (user + system) the processes have used so far. */
    static double cpuMillis(List<Long> pids) {
        double sum = 0;
        for (long pid : pids) {
            sum += cpuMillis("/proc/" + pid + "/stat");
        }
        return sum;
    }

    /** CPU milliseconds of this JVM, the load generator. */
    static double selfCpuMillis() {
        return cpuMillis("/proc/self/stat");
    }

    private static double cpuMillis(String statFile) {
        try {
            String stat = Files.readString(Path.of(statFile));
            // The command name may hold spaces: fields are counted after the closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) * TICK_MS;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    static long rssKb(List<Long> pids) {
        return pids.stream().mapToLong(pid -> statusField(pid, "VmRSS:")).sum();
    }

    static long threads(List<Long> pids) {
        return pids.stream().mapToLong(pid -> statusField(pid, "Threads:")).sum();
    }

    private static long statusField(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Live heap in KB after a full GC, or -1 when jcmd cannot tell. Sums every generation: G1 reports one
     * {@code garbage-first heap} line, but a JVM pinned to one CPU picks the Serial collector, which reports
     * {@code def new generation} and {@code tenured generation} separately.
     */
    static long liveHeapKb(long pid) {
        jcmd(pid, "GC.run");
        Matcher m = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        long used = 0;
        boolean found = false;
        while (m.find()) {
            used += Long.parseLong(m.group(1));
            found = true;
        }
        return found ? used : -1;
    }

    /**
     * The client ports of the connections the server on {@code serverPort} still holds ESTABLISHED (from
     * /proc/net/tcp and tcp6, loopback only). A server that closes a stalled stream moves it out of ESTABLISHED at
     * once (to FIN_WAIT1, its unsent bytes orphaned), although the client, not reading, sees nothing yet.
     */
    static java.util.Set<Integer> establishedPeers(int serverPort) {
        java.util.Set<Integer> peers = new java.util.HashSet<>();
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 4 || !"01".equals(f[3])) {
                        continue;
                    }
                    String local = f[1];
                    String remote = f[2];
                    if (Integer.parseInt(local.substring(local.indexOf(':') + 1), 16) == serverPort) {
                        peers.add(Integer.parseInt(remote.substring(remote.indexOf(':') + 1), 16));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table (no IPv6): nothing from it
            }
        }
        return peers;
    }

    /** Starts a JFR recording (profile settings) in a target JVM: {@code -Dbench.jfr.dir} turns this on. */
    static void jfrStart(long pid) {
        jcmd(pid, "JFR.start", "name=bench", "settings=profile");
    }

    /** Writes the recording started by {@link #jfrStart} to a file and stops it. */
    static void jfrStop(long pid, Path file) {
        jcmd(pid, "JFR.dump", "name=bench", "filename=" + file.toAbsolutePath());
        jcmd(pid, "JFR.stop", "name=bench");
    }

    private static String jcmd(long pid, String... command) {
        try {
            List<String> line = new java.util.ArrayList<>(List.of("jcmd", Long.toString(pid)));
            line.addAll(List.of(command));
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
