package dev.herald.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import redis.clients.jedis.Jedis;

/**
 * A redis-server of a unit test's own, on a free loopback port, without persistence: from {@code HERALD_REDIS_SERVER}
 * or the PATH (src/test/redis/redis.sh installs it for the integration tests). Missing, it fails the test, never
 * skips it: the Redis broker's contract is checked on every run.
 */
public final class LocalRedis implements AutoCloseable {

    private final Process process;
    private final int port;

    private LocalRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static LocalRedis start() {
        String server = System.getenv().getOrDefault("HERALD_REDIS_SERVER", "redis-server");
        int port = FreePort.pick();
        Process process;
        try {
            Path dir = Files.createTempDirectory("herald-redis");
            process = new ProcessBuilder(List.of(server, "--bind", "127.0.0.1", "--port", Integer.toString(port),
                    "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                    .redirectErrorStream(true).redirectOutput(new File(dir.toFile(), "redis.log")).start();
        } catch (IOException e) {
            throw new IllegalStateException("The Redis broker's tests need redis-server (on the PATH, or"
                    + " HERALD_REDIS_SERVER): " + e.getMessage(), e);
        }
        LocalRedis redis = new LocalRedis(process, port);
        Waits.atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("redis-server ended with " + process.exitValue());
            }
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                return "PONG".equals(jedis.ping());
            }
        });
        return redis;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
