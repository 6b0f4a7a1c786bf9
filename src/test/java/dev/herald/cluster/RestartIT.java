package dev.herald.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.herald.browser.Chromium;
import dev.herald.browser.OtherOrigin;
import dev.herald.support.FreePort;
import dev.herald.support.HeraldClient;
import dev.herald.support.HeraldDeployment;
import dev.herald.support.HeraldNode;
import dev.herald.support.LibertyNode;
import dev.herald.support.NodeSettings;
import dev.herald.support.PayaraNode;
import dev.herald.support.Waits;

/**
 * Herald's default, one node and no load balancer, restarted under its clients: a Payara Micro and an Open Liberty,
 * each started as a process (both at once, to save time) and each read by a plain {@code EventSource} in Chromium and
 * one from npm's {@code eventsource} package (Node.js), while an application publishes steadily. Both nodes are
 * stopped with SIGTERM, kept down for {@link #DOWN} and started again: a restart of 40 s or more, far longer than the
 * {@code server-shutdown} notice's {@code retry:} (lowered here to 8–10 s), so every client reconnects into the down
 * and the starting window several times. A plain {@code EventSource} survives that only if no attempt is answered
 * with anything but {@code 200 text/event-stream} (one {@code 404 text/html} from a deploying server stops it for
 * good): the server configuration must keep the port closed until Herald is up (docs/servers.md, "Restarts"), and a
 * poller checks that no request to the stream URL got another answer while the node was down and starting.
 * <p>
 * "Every event once" needs the history to outlive the restart: with the default memory broker a restarted node has
 * a new epoch, and a client resuming from the old one gets a {@code reset} (the events it missed are gone with the
 * old process). The nodes here keep their topics in the build's Redis, as a node whose clients must lose nothing
 * does, so each client ends with every event of its topic once, in order, each resumed after its
 * {@code Last-Event-ID}.
 */
// Its nodes are processes of its own, so either run could host it: the Open Liberty run, the shorter.
@EnabledIfSystemProperty(named = "herald.server", matches = "liberty")
class RestartIT {

    private static final Duration START = Duration.ofSeconds(180);
    /** How long the nodes stay down after they exited: with the start, a restart of 40 s or more (4× the retry). */
    private static final Duration DOWN = Duration.ofSeconds(15);
    private static final Duration CATCH_UP = Duration.ofSeconds(90);
    private static final int PUBLISH_RATE = 5;
    /** The notice's retry: longer than the nodes take to exit (so that no client comes back while one stops). */
    private static final int RETRY_MS = 8000;
    private static final int RETRY_SPREAD_MS = 2000;

    @Test
    void plainEventSourcesGetEveryEventOnceAcrossARestartOfTheirOnlyNodeOnEachServer() throws Exception {
        Path nodeClients = NodeClient.install();
        int pagePort = FreePort.pick();
        String page = "http://127.0.0.1:" + pagePort;
        NodeSettings settings = NodeSettings.of(HeraldDeployment.clusterConfig())
                .with("herald.shutdown.retry-ms", Integer.toString(RETRY_MS))
                .with("herald.shutdown.retry-spread-ms", Integer.toString(RETRY_SPREAD_MS))
                .with("herald.cors.allowed-origins", page);
        List<Client> clients = new ArrayList<>();
        List<SteadyPublisher> publishers = new ArrayList<>();
        try (OtherOrigin origin = OtherOrigin.serve(pagePort);
             PayaraNode payara = PayaraNode.start("restart-payara", settings);
             LibertyNode liberty = LibertyNode.start("restart-liberty", settings);
             Chromium chromium = Chromium.start()) {
            try {
                restartUnderClients(payara, liberty, page, chromium, nodeClients, clients, publishers);
            } finally {
                publishers.forEach(SteadyPublisher::close);
                clients.forEach(Client::close); // before Chromium quits
            }
        }
    }

    private static void restartUnderClients(PayaraNode payara, LibertyNode liberty, String page, Chromium chromium,
                                            Path nodeClients, List<Client> clients, List<SteadyPublisher> publishers)
            throws Exception {
        List<HeraldNode> nodes = List.of(liberty, payara);
        Map<HeraldNode, String> topics = new LinkedHashMap<>();
        nodes.forEach(node -> topics.put(node, "it-restart-" + UUID.randomUUID().toString().substring(0, 8)));
        inParallel(nodes, node -> node.awaitReady(START));

        chromium.driver().get(page + "/");
        for (HeraldNode node : nodes) {
            URI stream = URI.create(node.url() + "api/topics/" + topics.get(node));
            clients.add(BrowserClient.open(chromium, node.runtime(), stream));
            clients.add(NodeClient.open(nodeClients, node.runtime(), stream));
        }
        Waits.atMost(CATCH_UP).until(() -> clients.stream().allMatch(client -> client.opened() >= 1));
        nodes.forEach(node -> publishers.add(SteadyPublisher.start(node.url(), topics.get(node), PUBLISH_RATE)));
        Waits.atMost(CATCH_UP).until(() -> publishers.stream()
                .allMatch(publisher -> publisher.acknowledgedCount() >= 2 * PUBLISH_RATE));

        Map<HeraldNode, StreamPoller> pollers = new ConcurrentHashMap<>();
        long stopped = System.nanoTime();
        inParallel(nodes, node -> {
            node.stop();
            pollers.put(node, StreamPoller.start(URI.create(node.url() + "api/topics/" + topics.get(node))));
        });
        long exited = System.nanoTime();
        Thread.sleep(DOWN.toMillis()); // the outage itself: the clients retry into it meanwhile
        inParallel(nodes, node -> {
            try {
                node.restart().awaitReady(START);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        long ready = System.nanoTime();
        System.out.printf("restart of both nodes: SIGTERM to exit %d ms, down %d s, SIGTERM to ready %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(exited - stopped), DOWN.toSeconds(),
                TimeUnit.NANOSECONDS.toMillis(ready - stopped));

        try {
            Waits.atMost(CATCH_UP).until(() -> clients.stream().allMatch(client -> client.opened() >= 2
                    || client.problems().contains("gave up")));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            pollers.values().forEach(StreamPoller::stop);
            throw new AssertionError("not every client came back or gave up: " + clients + "; the stream URLs answered "
                    + pollers.entrySet().stream().map(poller -> poller.getKey().runtime() + " "
                            + poller.getValue().answers()).toList(), e);
        }
        List<String> lasts = new ArrayList<>();
        for (SteadyPublisher publisher : publishers) {
            lasts.add(publisher.stop());
        }
        pollers.values().forEach(StreamPoller::stop);

        for (int i = 0; i < nodes.size(); i++) {
            HeraldNode node = nodes.get(i);
            String last = lasts.get(i);
            assertEquals(publishers.get(i).acknowledgedCount(), sequence(last),
                    node.runtime() + ": every publish stored once, those sent again included");
            List<String> expected = everyIdUpTo(last);
            StreamPoller poller = pollers.get(node);
            System.out.println(node.runtime() + " while down and starting, the stream URL answered: "
                    + poller.answers());
            for (Client client : clients.stream().filter(c -> c.who().startsWith(node.runtime())).toList()) {
                assertTrue(client.opened() >= 2, client + " did not come back; " + node.runtime()
                        + " while down and starting answered " + poller.answers());
                try {
                    Waits.atMost(CATCH_UP).until(() -> client.ids().contains(last));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError(client + " never got " + last, e);
                }
                System.out.println(client + ": " + client.ids().size() + " events");
                assertEquals(expected, client.ids(), client.who() + ": every event once, in order");
                assertEquals(List.of("urn:herald:problem:server-shutdown"), client.problems(),
                        client.who() + ": the notice, and no other problem");
                assertTrue(client.connectionErrors() >= 3, client + ": retried into the outage several times");
            }
            assertTrue(poller.answers().keySet().stream().allMatch(answer -> answer.startsWith("200 ")
                    || answer.startsWith("no answer")), node.runtime() + " while down and starting answered "
                    + poller.answers() + ": a plain EventSource stops for good on any answer but 200");
            assertTrue(poller.answers().getOrDefault("no answer: refused", 0) > 0, node.runtime()
                    + " refused connections while down: " + poller.answers());
        }
    }

    private static long sequence(String id) {
        return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    }

    private static List<String> everyIdUpTo(String last) {
        String epoch = last.substring(0, last.lastIndexOf('-'));
        return IntStream.rangeClosed(1, (int) sequence(last)).mapToObj(n -> epoch + "-" + n).toList();
    }

    private interface NodeAction {
        void run(HeraldNode node) throws Exception;
    }

    /** One thread per node (not the common pool: on 2 cores it runs one task at a time). */
    private static void inParallel(List<HeraldNode> nodes, NodeAction action) {
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        try {
            CompletableFuture.allOf(nodes.stream().map(node -> CompletableFuture.runAsync(() -> {
                try {
                    action.run(node);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, threads)).toArray(CompletableFuture[]::new)).join();
        } finally {
            threads.shutdown();
        }
    }

    /** One plain EventSource client and what it saw. */
    private interface Client extends AutoCloseable {
        String who();

        /** The ids of its {@code step} events, in the order received, duplicates included. */
        List<String> ids();

        /** How many times its stream opened (a {@code subscribed} event). */
        int opened();

        /** The types of the problems it was sent ({@code error} events with data). */
        List<String> problems();

        /** How many times its connection failed or broke (an {@code error} without data). */
        int connectionErrors();

        @Override
        void close();
    }

    /** A plain {@code EventSource} in Chromium, on a page of another origin (the page outlives the node). */
    private record BrowserClient(Chromium chromium, String who, int index) implements Client {

        static BrowserClient open(Chromium chromium, String runtime, URI stream) {
            Number index = (Number) chromium.driver().executeScript("""
                    const url = arguments[0];
                    window.restart = window.restart || [];
                    const client = { ids: [], opened: 0, problems: [], connectionErrors: 0 };
                    const source = client.source = new EventSource(url);
                    source.addEventListener('subscribed', () => client.opened++);
                    source.addEventListener('step', event => client.ids.push(event.lastEventId));
                    source.addEventListener('error', event => {
                      if (event.data) client.problems.push(JSON.parse(event.data).type);
                      else if (source.readyState === EventSource.CLOSED) client.problems.push('gave up');
                      else client.connectionErrors++;
                    });
                    window.restart.push(client);
                    return window.restart.length - 1;
                    """, stream.toString());
            return new BrowserClient(chromium, runtime + " Chromium EventSource", index.intValue());
        }

        private Object read(String field) {
            return chromium.driver().executeScript("return window.restart[arguments[0]][arguments[1]];", index, field);
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<String> ids() {
            return List.copyOf((List<String>) read("ids"));
        }

        @Override
        public int opened() {
            return ((Number) read("opened")).intValue();
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<String> problems() {
            return List.copyOf((List<String>) read("problems"));
        }

        @Override
        public int connectionErrors() {
            return ((Number) read("connectionErrors")).intValue();
        }

        @Override
        public void close() {
            chromium.driver().executeScript("window.restart[arguments[0]].source.close();", index);
        }

        @Override
        public String toString() {
            return who + " (opened " + opened() + ", connection errors " + connectionErrors() + ", problems "
                    + problems() + ")";
        }
    }

    /**
     * A plain {@code EventSource} of npm's {@code eventsource} package in Node.js ({@code src/test/node}, the version
     * pinned there, installed into {@code target/node} by {@code npm ci}).
     */
    private static final class NodeClient implements Client {

        private final String who;
        private final Process process;
        private final List<String> ids = new CopyOnWriteArrayList<>();
        private final List<String> problems = new CopyOnWriteArrayList<>();
        private final AtomicInteger opened = new AtomicInteger();
        private final AtomicInteger connectionErrors = new AtomicInteger();

        private NodeClient(String who, Process process) {
            this.who = who;
            this.process = process;
            Thread reader = new Thread(this::read, "node eventsource " + who);
            reader.setDaemon(true);
            reader.start();
        }

        static Path install() throws IOException, InterruptedException {
            Path sources = Path.of(System.getProperty("herald.serverConfig")).resolveSibling("src/test/node");
            Path target = Path.of(System.getProperty("herald.war")).resolveSibling("node");
            Files.createDirectories(target);
            for (String file : List.of("package.json", "package-lock.json", "plain-eventsource.mjs")) {
                Files.copy(sources.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            if (!Files.isDirectory(target.resolve("node_modules/eventsource"))) {
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                        .directory(target.toFile()).redirectErrorStream(true)
                        .redirectOutput(target.resolve("npm-ci.log").toFile()).start();
                assertTrue(npm.waitFor(3, TimeUnit.MINUTES) && npm.exitValue() == 0,
                        "npm ci in " + target + " failed: " + Files.readString(target.resolve("npm-ci.log")));
            }
            return target;
        }

        static NodeClient open(Path installed, String runtime, URI stream) throws IOException {
            Process process = new ProcessBuilder("node", "plain-eventsource.mjs", stream.toString(), "subscribed",
                    "step").directory(installed.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(installed.resolve("clients.log").toFile()))
                    .start();
            return new NodeClient(runtime + " Node.js eventsource", process);
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    JsonObject happening = HeraldClient.json(line);
                    if (happening.containsKey("event")) {
                        if ("subscribed".equals(happening.getString("event"))) {
                            opened.incrementAndGet();
                        } else {
                            ids.add(happening.getString("id"));
                        }
                    } else if (happening.containsKey("error")) {
                        if (!happening.isNull("error")) {
                            problems.add(happening.getString("error"));
                        } else if (happening.getInt("state") == 2) {
                            problems.add("gave up");
                        } else {
                            connectionErrors.incrementAndGet();
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        @Override
        public String who() {
            return who;
        }

        @Override
        public List<String> ids() {
            return List.copyOf(ids);
        }

        @Override
        public int opened() {
            return opened.get();
        }

        @Override
        public List<String> problems() {
            return List.copyOf(problems);
        }

        @Override
        public int connectionErrors() {
            return connectionErrors.get();
        }

        @Override
        public void close() {
            process.destroy();
        }

        @Override
        public String toString() {
            return who + " (opened " + opened + ", connection errors " + connectionErrors + ", problems " + problems
                    + ")";
        }
    }

    /**
     * Asks the stream URL again and again (every 100 ms, each request on a new connection, as a reconnecting
     * EventSource does) and counts the answers: {@code 200 text/event-stream}, another status and type, or no
     * answer (refused, reset, timed out).
     */
    private static final class StreamPoller {

        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        private final URI stream;
        private final Map<String, Integer> answers = new ConcurrentSkipListMap<>();
        private final Thread thread;
        private volatile boolean running = true;

        private StreamPoller(URI stream) {
            this.stream = stream;
            this.thread = new Thread(this::run, "stream poller " + stream);
        }

        static StreamPoller start(URI stream) {
            StreamPoller poller = new StreamPoller(stream);
            poller.thread.start();
            return poller;
        }

        private void run() {
            while (running) {
                String answer = ask();
                if (running) {
                    answers.merge(answer, 1, Integer::sum);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private String ask() {
            HttpRequest request = HttpRequest.newBuilder(stream).timeout(Duration.ofSeconds(2))
                    .header("Accept", "text/event-stream").GET().build();
            try {
                HttpResponse<InputStream> answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                answer.body().close(); // the head is all it wants; a 200 is a stream that would stay open
                return answer.statusCode() + " " + answer.headers().firstValue("Content-Type").orElse("-")
                        .replaceAll(";.*", "");
            } catch (java.net.ConnectException e) {
                return "no answer: refused";
            } catch (IOException e) {
                return "no answer: " + e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "no answer: interrupted";
            }
        }

        Map<String, Integer> answers() {
            return Map.copyOf(answers);
        }

        void stop() {
            running = false;
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
