package dev.herald.support;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's nginx (installed by {@code .ci/provision.sh}) as the load balancer in front of Herald
 * nodes, configured as docs/cluster.md tells operators to: no buffering of event streams, long reads, and a request
 * that cannot reach a node (refused, or the container's own 500/502/503/504/404 while a node stops or starts) passed to
 * the next node. That last rule is what lets a plain {@code EventSource} survive a node's restart: it gives up for
 * good on any answer but 200, so it must never see the stopping node's error page.
 */
public final class LoadBalancer implements AutoCloseable {

    private static final String NGINX = System.getenv().getOrDefault("HERALD_NGINX", "/usr/sbin/nginx");

    private final Process process;
    private final int port;

    private LoadBalancer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts nginx on a loopback port (picked beforehand with {@link FreePort}, so that the nodes can be told the
     * balancer's origin), round-robin over the nodes' ports; its files go to {@code directory}.
     */
    public static LoadBalancer start(Path directory, int port, List<Integer> nodePorts) throws IOException {
        if (!new File(NGINX).canExecute()) {
            throw new AssertionError(NGINX + " is missing: run .ci/provision.sh");
        }
        Files.createDirectories(directory.resolve("tmp"));
        Path conf = directory.resolve("nginx.conf");
        Files.writeString(conf, configuration(directory, port, nodePorts));
        Process nginx = new ProcessBuilder(NGINX, "-p", directory.toString(), "-c", conf.toString(),
                "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("nginx.out").toFile())
                .start();
        LoadBalancer balancer = new LoadBalancer(nginx, port);
        Waits.atMost(Duration.ofSeconds(20)).until(() -> {
            if (!nginx.isAlive()) {
                throw new AssertionError("nginx exited: " + Files.readString(directory.resolve("nginx.out")));
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return balancer;
    }

    private static String configuration(Path directory, int port, List<Integer> nodePorts) {
        String servers = nodePorts.stream()
                // max_fails=0: nginx never takes a node out. With max_fails=1 both nodes of a rolling restart were
                // out at once for a moment, and nginx answered "no live upstreams" with a 502 that a plain
                // EventSource never retries (seen in FailoverIT on a busy machine).
                .map(node -> "        server 127.0.0.1:" + node + " max_fails=0;")
                .collect(Collectors.joining("\n"));
        return """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events {
                    worker_connections 4096;
                }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    upstream herald {
                %2$s
                        keepalive 32;
                    }
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass http://herald;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $http_host;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            # Events pass at once; a stream is quiet no longer than Herald's heartbeat.
                            proxy_buffering off;
                            proxy_read_timeout 1h;
                            proxy_connect_timeout 2s;
                            # A node that is down, stopping or starting answers for the next one (a POST only when
                            # nothing was sent to the first: nginx never repeats a non-idempotent request).
                            proxy_next_upstream error timeout http_500 http_502 http_503 http_504 http_404;
                            proxy_next_upstream_tries 4;
                        }
                    }
                }
                """.formatted(directory, servers, port);
    }

    public URL url() {
        try {
            return new URL("http://127.0.0.1:" + port + "/");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
