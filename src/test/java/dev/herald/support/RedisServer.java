package dev.herald.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import redis.clients.jedis.Jedis;

/**
 * The Redis of the cluster tests: started by the first test of this JVM that asks for it (src/test/redis/redis.sh, a
 * free loopback port, in {@code target/redis/<server of the run>}) and stopped when the JVM exits; its address, and
 * the faults a test plays on it. {@code -Dherald.it.redisPort} names one already running instead.
 */
public final class RedisServer {

    /**
     * A directory per test run: both runs go side by side ({@code .ci/run suites}), and stopping one's Redis (by
     * the pid file of its directory) must not stop the other's.
     */
    private static final Path DIR = Path.of(System.getProperty("herald.it.redisDir",
            "target/redis/" + System.getProperty("herald.server", "unit"))).toAbsolutePath();
    private static int port;

    private RedisServer() {
    }

    public static synchronized int port() {
        if (port == 0) {
            Integer given = Integer.getInteger("herald.it.redisPort");
            port = given != null ? given : start(FreePort.pick());
        }
        return port;
    }

    private static int start(int free) {
        run("start", String.valueOf(free), DIR.toString());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> run("stop", DIR.toString()), "redis-stop"));
        return free;
    }

    private static void run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("sh", "src/test/redis/redis.sh"));
        command.addAll(List.of(arguments));
        try {
            Process redis = new ProcessBuilder(command).inheritIO().start();
            if (!redis.waitFor(300, TimeUnit.SECONDS) || redis.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String url() {
        return "redis://127.0.0.1:" + port();
    }

    /** Stops the server process (SIGSTOP): it answers nothing, connections hang, until {@link #resume()}. */
    public static void pause() {
        signal("-STOP");
    }

    public static void resume() {
        signal("-CONT");
    }

    /** Redis loses everything, as a restart without persistence would. */
    public static void flushAll() {
        try (Jedis jedis = new Jedis("127.0.0.1", port())) {
            jedis.flushAll();
        }
    }

    private static void signal(String signal) {
        port(); // started, if no test asked for it yet
        try {
            String pid = Files.readString(DIR.resolve("redis.pid")).strip();
            Process kill = new ProcessBuilder("kill", signal, pid).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot signal Redis", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
