package dev.herald.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.herald.support.HeraldClient;
import dev.herald.support.NodeSettings;
import dev.herald.support.PayaraNode;
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
        // The WAR as built is secure by default: its it-* topics are opened to anyone, as an operator would, and this
        // one test client stands for a thousand: the production WAR's per-address stream quota is lifted.
        NodeSettings settings = NodeSettings.of("")
                .with("herald.auth.public-topics", "it-*")
                .with("herald.auth.anonymous-publish", "it-*")
                .with("herald.quota.streams-per-address", Integer.toString(2 * (CROWD + STALLED)));
        List<StalledReader> stalled = new ArrayList<>();
        try (PayaraNode payara = PayaraNode.start("signal-shutdown", settings);
             HeraldClient herald = new HeraldClient(payara.awaitReady(Duration.ofSeconds(120)).url())) {
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
                boolean exited = payara.stop(Duration.ofSeconds(30)); // SIGTERM
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                long told = crowd.sawInTail("urn:herald:problem:server-shutdown");
                System.out.println("SIGTERM with " + CROWD + " readers and " + STALLED + " stalled readers: exited"
                        + " after " + millis + " ms; " + told + " readers got the notice");
                assertTrue(exited && millis < 10_000, "Payara Micro exited " + millis + " ms after SIGTERM");
                assertEquals(CROWD, told, "every reading client got its notice");
            }
        } finally {
            for (StalledReader reader : stalled) {
                reader.close();
            }
        }
    }
}
