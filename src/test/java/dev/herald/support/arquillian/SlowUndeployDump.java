package dev.herald.support.arquillian;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.spi.event.container.AfterUnDeploy;
import org.jboss.arquillian.container.spi.event.container.BeforeUnDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;

/**
 * When an undeploy takes longer than 20 s ({@code -Dherald.it.undeployPatienceSeconds}), writes the server JVM's
 * threads (jcmd) to {@code target/undeploy-threads-<pid>.txt}: a hung undeploy (Open Liberty waits
 * {@code appUndeployTimeout}, then fails the class and cannot stop the server) is otherwise seen on CI with nothing to
 * say which thread held it. .ci/run prints the dump's Herald threads when a suite fails.
 */
public class SlowUndeployDump {

    private static final long PATIENCE_SECONDS = Long.getLong("herald.it.undeployPatienceSeconds", 20);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "slow-undeploy-dump");
        thread.setDaemon(true);
        return thread;
    });

    private ScheduledFuture<?> pending;

    public void undeploying(@Observes BeforeUnDeploy event) {
        pending = TIMER.schedule(SlowUndeployDump::dumpServers, PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    public void undeployed(@Observes AfterUnDeploy event) {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private static void dumpServers() {
        ProcessHandle.allProcesses().filter(SlowUndeployDump::isHeraldServer).forEach(SlowUndeployDump::dump);
    }

    /** Open Liberty's server herald, or a Payara Micro this JVM started. */
    private static boolean isHeraldServer(ProcessHandle process) {
        String line = process.info().commandLine().orElse("");
        boolean liberty = line.contains("ws-server.jar") && line.contains("herald");
        boolean payara = line.contains("payara-micro") && process.parent()
                .map(parent -> parent.pid() == ProcessHandle.current().pid()).orElse(false);
        return liberty || payara;
    }

    private static void dump(ProcessHandle server) {
        Path file = Path.of("target", "undeploy-threads-" + server.pid() + ".txt").toAbsolutePath();
        String jcmd = Optional.ofNullable(System.getProperty("java.home")).map(home -> home + "/bin/jcmd")
                .orElse("jcmd");
        try {
            Process process = new ProcessBuilder(List.of(jcmd, String.valueOf(server.pid()), "Thread.print"))
                    .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            process.waitFor(30, TimeUnit.SECONDS);
            System.out.println("Undeploy still running after " + PATIENCE_SECONDS + " s: threads of " + server.pid()
                    + " in " + file + " (" + Files.size(file) + " bytes)");
        } catch (IOException e) {
            System.out.println("Undeploy still running after " + PATIENCE_SECONDS + " s; no thread dump: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
