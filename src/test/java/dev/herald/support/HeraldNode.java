package dev.herald.support;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Herald server a test runs as a process of its own (beside Arquillian's, or instead of it), with the built WAR at
 * {@code /}, the project's server configuration and Herald's settings as an operator gives them (environment variables
 * and system properties). The test can stop it as a container does (SIGTERM), kill it ({@code kill -9}) and start it
 * again on the same port, which is what failover and rolling restarts are made of.
 */
public abstract class HeraldNode implements AutoCloseable {

    protected final String name;
    protected final int port;
    protected final Map<String, String> environment;
    protected final List<String> systemProperties;
    private Process process;

    protected HeraldNode(String name, int port, NodeSettings settings) {
        this.name = name;
        this.port = port;
        this.environment = settings.environment();
        this.systemProperties = settings.systemProperties();
    }

    /** Starts the server's process (the JVM itself, so that signals reach it). */
    protected abstract Process launch() throws IOException;

    /** The kind of server, for messages: "Payara Micro", "Open Liberty". */
    public abstract String runtime();

    protected final HeraldNode started() throws IOException {
        process = launch();
        return this;
    }

    /** Waits until Herald answers a topic's status. */
    public HeraldNode awaitReady(Duration bound) {
        try (HeraldClient herald = new HeraldClient(url())) {
            Waits.atMost(bound).ignoreExceptions().until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError(runtime() + " " + name + " exited with " + process.exitValue());
                }
                return herald.status("it-up").getInt("subscribers") == 0;
            });
        }
        return this;
    }

    public URL url() {
        try {
            return new URL("http://127.0.0.1:" + port + "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** {@code kill -9}: no shutdown hook, no notice; the clients' connections simply break. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, as containers and process managers stop a server; returns once the process has gone. */
    public void stop() {
        if (!stop(Duration.ofSeconds(60))) {
            kill();
        }
    }

    /** SIGTERM; true if the process has gone within the bound. */
    public boolean stop(Duration bound) {
        process.destroy();
        return awaitExit(bound);
    }

    /** True while the server's process runs (it may still be starting). */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server again, on the same port with the same settings (after {@link #stop()} or {@link #kill()}). */
    public HeraldNode restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        return started();
    }

    private boolean awaitExit(Duration bound) {
        try {
            return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    /** The JVM options of every server the tests start ({@code herald.it.serverJvmOptions}, TestProperties). */
    protected static List<String> serverJvmOptions() {
        return Arrays.stream(System.getProperty("herald.it.serverJvmOptions", "").split(" "))
                .filter(option -> !option.isBlank()).toList();
    }

    protected static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
