package dev.herald.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.herald.support.HeraldClient;
import dev.herald.support.StalledReader;
import dev.herald.support.StreamCrowd;
import dev.herald.support.Waits;

/**
 * Payara Micro stopped the way containers and process managers stop it, with SIGTERM, while 890 clients read and
 * 100 have stopped reading: the process is gone within 10 s, and the reading clients get their
 * {@code server-shutdown} notice. Payara Micro has no undeploy to test this through Arquillian (see ShutdownIT),
 * so this test starts its own Payara Micro with the built WAR and the project's server configuration.
 */
@EnabledIfSystemProperty(named = "herald.server", matches = "payara")
class SignalShutdownIT {

    private static final int CROWD = 890;
    private static final int STALLED = 100;

    @Test
    void sigtermStopsWithinTenSecondsAndTellsTheReadingClients() throws Exception {
        int port = freePort();
        Process payara = startPayara(port);
        List<StalledReader> stalled = new ArrayList<>();
        try (HeraldClient herald = new HeraldClient(new URL("http://127.0.0.1:" + port + "/"))) {
            Waits.atMost(Duration.ofSeconds(120)).ignoreExceptions()
                    .until(() -> herald.status("it-up").getInt("subscribers") == 0);
            try (StreamCrowd crowd = StreamCrowd.open(herald.topic("it-crowd"), CROWD)) {
                for (int i = 0; i < STALLED; i++) {
                    stalled.add(new StalledReader(herald.topic("it-stalled")));
                }
                Waits.atMost(Duration.ofSeconds(60)).until(() -> herald.subscribers("it-crowd") == CROWD
                        && herald.subscribers("it-stalled") == STALLED);
                String pad = "x".repeat(3500);
                for (int n = 0; n < 20; n++) {
                    herald.publish("it-stalled", "bulk", Json.createObjectBuilder().add("pad", pad).build());
                }

                long start = System.nanoTime();
                payara.destroy(); // SIGTERM
                boolean exited = payara.waitFor(30, TimeUnit.SECONDS);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                long told = crowd.sawInTail("urn:herald:problem:server-shutdown");
                System.out.println("SIGTERM with " + CROWD + " readers and " + STALLED + " stalled readers: exited"
                        + " after " + millis + " ms; " + told + " readers got the notice");
                assertTrue(exited && millis < 10_000, "Payara Micro exited " + millis + " ms after SIGTERM");
                assertEquals(CROWD, told, "every reading client got its notice");
            }
        } finally {
            payara.destroyForcibly();
            for (StalledReader reader : stalled) {
                reader.close();
            }
        }
    }


    private static Process startPayara(int port) throws IOException {
        String config = System.getProperty("herald.serverConfig");
        File log = new File(System.getProperty("herald.war")).toPath().resolveSibling("signal-shutdown-payara.log")
                .toFile();
        ProcessBuilder payara = new ProcessBuilder(javaExecutable(), "-Xmx512m", "-jar",
                System.getProperty("payara.microJar"),
                "--nocluster", "--port", Integer.toString(port), "--shutdowngrace", "3000",
                "--prebootcommandfile", config + "/payara/pre-boot-commands.asadmin",
                "--deploy", System.getProperty("herald.war"), "--contextroot", "/")
                .redirectErrorStream(true)
                .redirectOutput(log);
        // This one test client stands for a thousand: the production WAR's per-address stream quota is lifted.
        payara.environment().put("HERALD_QUOTA_STREAMS_PER_ADDRESS", Integer.toString(2 * (CROWD + STALLED)));
        return payara.start();
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
