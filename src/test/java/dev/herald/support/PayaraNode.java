package dev.herald.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Payara Micro started by a test as a process of its own, with the built WAR at {@code /} and the project's server
 * configuration: for tests that need a second server beside Arquillian's (ClusterIT) or that stop it themselves.
 * Herald's settings come as environment variables, as an operator would give them, and system properties.
 */
public final class PayaraNode implements AutoCloseable {

    private final Process process;
    private final URL url;

    private PayaraNode(Process process, int port) throws IOException {
        this.process = process;
        this.url = new URL("http://127.0.0.1:" + port + "/");
    }

    public static PayaraNode start(String name, Map<String, String> environment, List<String> systemProperties)
            throws IOException {
        int port = freePort();
        String config = System.getProperty("herald.serverConfig");
        String war = System.getProperty("herald.war");
        File log = new File(war).toPath().resolveSibling(name + "-payara.log").toFile();
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m"));
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", System.getProperty("payara.microJar"), "--nocluster",
                "--port", Integer.toString(port), "--shutdowngrace", "3000",
                "--prebootcommandfile", config + "/payara/pre-boot-commands.asadmin",
                "--deploy", war, "--contextroot", "/"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        builder.environment().putAll(environment);
        return new PayaraNode(builder.start(), port);
    }

    /** Waits until Herald answers a topic's status. */
    public PayaraNode awaitReady(Duration bound) {
        try (HeraldClient herald = new HeraldClient(url)) {
            Waits.atMost(bound).ignoreExceptions().until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("Payara Micro exited with " + process.exitValue());
                }
                return herald.status("it-up").getInt("subscribers") == 0;
            });
        }
        return this;
    }

    public URL url() {
        return url;
    }

    /** Stops the server as process managers do (SIGTERM) and waits until it has exited. */
    public void terminate(Duration bound) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(bound.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("Payara Micro did not exit within " + bound + " of SIGTERM");
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
