package dev.herald.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import redis.clients.jedis.Jedis;

/**
 * The Redis the build started for the cluster tests (src/test/redis/redis.sh, on {@code herald.it.redisPort}): its
 * address, and the faults a test plays on it.
 */
public final class RedisServer {

    private RedisServer() {
    }

    public static int port() {
        return Integer.getInteger("herald.it.redisPort", 6379);
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
        try {
            String pid = Files.readString(Path.of(System.getProperty("herald.it.redisDir", "target/redis"),
                    "redis.pid")).strip();
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
