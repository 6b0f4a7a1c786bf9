package dev.herald.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of the server under test, after a full collection: found by the port it listens on and read
 * with the JDK's {@code jcmd}, the way an operator would look. Both servers run on this machine.
 */
public final class ServerHeap {

    /** "total 524288K, used 61234K" on the lines of each heap space (one for G1, two for Serial/Parallel). */
    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private ServerHeap() {
    }

    /** Bytes in use on the heap of the process listening on {@code port}, right after a full GC. */
    public static long liveBytesAfterFullGc(int port) {
        long pid = pidListeningOn(port);
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        long usedKb = 0;
        for (String line : info.split("\n")) {
            if (line.strip().startsWith("Metaspace") || line.strip().startsWith("class space")) {
                break;
            }
            Matcher used = USED.matcher(line);
            if (used.find()) {
                usedKb += Long.parseLong(used.group(1));
            }
        }
        if (usedKb == 0) {
            throw new IllegalStateException("Cannot read the heap of process " + pid + " from:\n" + info);
        }
        return usedKb * 1024;
    }

    /** The classes loaded in the process listening on {@code port} whose names start with {@code prefix}. */
    public static List<String> loadedClasses(int port, String prefix) {
        String hierarchy = jcmd(pidListeningOn(port), "VM.class_hierarchy");
        return hierarchy.lines()
                .map(line -> line.replaceFirst("^[\\s|-]*", ""))
                .filter(line -> line.startsWith(prefix))
                .toList();
    }

    /** CPU time the server listening on {@code port} has used so far, all threads, in milliseconds. */
    public static long cpuMillis(int port) {
        return ProcessHandle.of(pidListeningOn(port)).flatMap(process -> process.info().totalCpuDuration())
                .map(java.time.Duration::toMillis).orElse(-1L);
    }

    public static long pidListeningOn(int port) {
        String listening = run("ss", "-ltnpH", "sport = :" + port);
        Matcher pid = PID.matcher(listening);
        if (!pid.find()) {
            throw new IllegalStateException("No process found listening on port " + port + ": " + listening);
        }
        return Long.parseLong(pid.group(1));
    }

    private static String jcmd(long pid, String command) {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path jcmd = java.resolveSibling("jcmd");
        return run(jcmd.toFile().exists() ? jcmd.toString() : "jcmd", Long.toString(pid), command);
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
