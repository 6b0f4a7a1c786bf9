package dev.herald.browser;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Cookie;

import dev.herald.support.DevCertificate;
import dev.herald.support.HeraldClient;
import dev.herald.support.HeraldDeployment;
import dev.herald.support.HeraldIT;
import dev.herald.support.TestTokens;
import dev.herald.support.Waits;

/**
 * HTTPS with HTTP/2, and CORS, on the server of the run, in the same deployment as every other test: the server
 * serves HTTPS on the run's HTTPS port with the build's development certificate ({@code server-config}), and the test
 * configuration lists one other origin ({@code herald.cors.allowed-origins=http://localhost:<page port>}), whose
 * pages {@link OtherOrigin} serves; {@code http://127.0.0.1:<page port>} is the same server under an origin that is
 * not listed. Java clients trust the development certificate for {@code localhost}; Chromium ignores certificate
 * errors.
 */
class HttpsAndCorsIT extends HeraldIT {

    private static final Duration BOUND = Duration.ofSeconds(20);
    /**
     * How soon a stream the client reset over HTTP/2 is released: at once on Open Liberty; on Payara Micro, which tells
     * nobody, at Herald's next look at the stream (every 200 ms; docs/servers.md).
     */
    private static final Duration RESET_BOUND = Duration.ofSeconds(5);
    private static final String LISTED = "http://localhost:" + HeraldDeployment.pagePort();
    private static final String UNLISTED = "http://127.0.0.1:" + HeraldDeployment.pagePort();

    private static Chromium chromium;
    private static OtherOrigin pages;
    /** HTTP/1.1 on the plain port: no upgrade to h2c, so that what is tested is what a browser gets there. */
    private final HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() {
        pages = OtherOrigin.serve(HeraldDeployment.pagePort());
        chromium = Chromium.start();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (pages != null) {
            pages.close();
        }
    }

    @AfterEach
    void leavePage() {
        closeStreams();
        chromium.driver().get("about:blank");
    }

    /** The deployment's {@code path} over HTTPS, under the name the development certificate holds. */
    private URI https(String path) {
        return URI.create("https://localhost:" + HeraldDeployment.httpsPort() + root() + path);
    }

    private URI http(String path) {
        return URI.create(deployment.getProtocol() + "://" + deployment.getAuthority() + root() + path);
    }

    /** The deployment's path, ending with a slash (Payara's URL has no path at all). */
    private String root() {
        return deployment.getPath().endsWith("/") ? deployment.getPath() : deployment.getPath() + "/";
    }

    // ---- HTTPS and HTTP/2 ----

    @Test
    void curlSeesHttp2OverTls(@TempDir Path directory) throws Exception {
        Process curl = new ProcessBuilder("curl", "--http2", "--silent", "--show-error", "--max-time", "20",
                "--cacert", DevCertificate.pem(directory).toString(), "--header", "Accept: application/json",
                "--output", "/dev/null", "--write-out", "%{http_version} %{http_code}",
                https("api/topics/" + uniqueTopic()).toString())
                .redirectErrorStream(true).start();
        String answer = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
        assertEquals("2 200", answer, "curl --http2 against the HTTPS port: HTTP version and status");
    }

    @Test
    void aStreamOverHttp2GetsEventsPublishedOverHttp2() throws Exception {
        String topic = uniqueTopic();
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(DevCertificate.trusting())
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<Stream<String>> stream = h2.send(HttpRequest.newBuilder(https("api/topics/" + topic))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            assertEquals(HttpClient.Version.HTTP_2, stream.version());
            assertEquals(200, stream.statusCode());
            reader.submit(() -> stream.body().forEach(lines::add));
            Waits.atMost(BOUND).until(() -> lines.contains("event: subscribed"));

            HttpResponse<String> published = h2.send(HttpRequest.newBuilder(https("api/topics/" + topic + "/events"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"step\",\"data\":{\"over\":\"h2\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_2, published.version());
            assertEquals(202, published.statusCode(), published.body());
            String id = HeraldClient.json(published.body()).getString("id");
            String plainId = herald.publish(topic, "step", Json.createValue("over http/1.1"));

            Waits.atMost(BOUND).until(() -> lines.contains("id: " + plainId));
            int first = lines.indexOf("id: " + id);
            assertTrue(first > 0 && "event: step".equals(lines.get(first - 1))
                    && "data: {\"over\":\"h2\"}".equals(lines.get(first + 1)), lines.toString());
        } finally {
            stream.body().close();
            reader.shutdownNow();
        }
        // Closing the body resets the HTTP/2 stream (the connection stays, for the client's next requests): the
        // server must notice and release the subscriber, as it does when an HTTP/1.1 connection closes.
        Waits.atMost(RESET_BOUND).until(() -> herald.subscribers(topic), equalTo(0));
    }

    @Test
    void aPageOpensTenStreamsToOneOriginOverHttp2AndAllTenGetEvents() {
        String topic = uniqueTopic();
        chromium.driver().get(https("herald/herald.js").toString()); // any document of Herald's HTTPS origin
        openStreams(https("api/topics/" + topic), 10, false);
        Waits.atMost(BOUND).until(() -> herald.subscribers(topic), equalTo(10));

        String id = herald.publish(topic, "step", Json.createValue(1));
        Waits.atMost(BOUND).until(() -> streamsThatGot(id), equalTo(10));
        List<Chromium.Answer> answers = chromium.answers("/api/topics/" + topic);
        assertEquals(10, answers.size(), answers.toString());
        assertTrue(answers.stream().allMatch(answer -> "h2".equals(answer.protocol())), answers.toString());
        // Streams a page closes over HTTP/2 are reset, their connection kept: aStreamOverHttp2... checks their release.
    }

    /** The limit HTTP/2 lifts: over HTTP/1.1 Chromium opens six connections to an origin, and the rest wait. */
    @Test
    void overHttp11TheSamePageGetsOnlySixOfItsTenStreams() {
        String topic = uniqueTopic();
        chromium.driver().get(http("herald/herald.js").toString());
        openStreams(http("api/topics/" + topic), 10, false);
        Waits.atMost(BOUND).until(() -> herald.subscribers(topic) >= 1);

        String id = herald.publish(topic, "step", Json.createValue(1));
        Waits.atMost(BOUND).until(() -> streamsThatGot(id) >= 1);
        Waits.atMost(Duration.ofSeconds(5)).during(Duration.ofSeconds(2))
                .until(() -> streamsThatGot(id) <= 6 && connectingStreams() >= 4);
        assertTrue(chromium.answers("/api/topics/" + topic).stream()
                .allMatch(answer -> "http/1.1".equals(answer.protocol())));
    }

    // ---- CORS, as a browser would ask ----

    @Test
    void aListedOriginsPreflightForPublishingIsAllowedWithCredentials() throws Exception {
        HttpResponse<String> preflight = preflight(http("api/topics/" + uniqueTopic() + "/events"), LISTED);
        HttpHeaders headers = preflight.headers();
        assertEquals(204, preflight.statusCode());
        assertEquals(List.of(LISTED), headers.allValues("Access-Control-Allow-Origin"), "the exact origin, never *");
        assertEquals(List.of("true"), headers.allValues("Access-Control-Allow-Credentials"));
        assertTrue(headers.firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"), headers.map().toString());
        assertTrue(headers.firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase().contains("content-type"),
                headers.map().toString());
        assertTrue(headers.firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()
                .contains("idempotency-key"), "a page may send a publish's Idempotency-Key: " + headers.map());
        assertVaryOrigin(headers);
    }

    /**
     * The servers' own endpoints (topic names and counts in /metrics) answer no page of any origin, over HTTP and
     * HTTPS. On Open Liberty /metrics is behind its login (server.xml): its mpMetrics would answer
     * {@code Access-Control-Allow-Origin: *} to anyone; without credentials it answers 302 (HTTP) or 401 (HTTPS).
     */
    @Test
    void theServersOwnEndpointsAnswerNoOtherOrigin() throws Exception {
        HttpClient tls = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(DevCertificate.trusting()).connectTimeout(Duration.ofSeconds(10)).build();
        for (String path : List.of("metrics", "metrics?scope=application", "health", "health/ready", "openapi")) {
            for (URI uri : List.of(URI.create(deployment.getProtocol() + "://" + deployment.getAuthority() + "/" + path),
                    URI.create("https://localhost:" + HeraldDeployment.httpsPort() + "/" + path))) {
                for (String origin : List.of(UNLISTED, LISTED)) {
                    HttpResponse<String> answer = tls.send(HttpRequest.newBuilder(uri).header("Origin", origin)
                            .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
                    // Any status (a health check may be down here: 503): what matters is that no page may read it.
                    assertNoAccessControl(answer);
                    HttpResponse<String> preflight = tls.send(HttpRequest.newBuilder(uri)
                            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                            .header("Access-Control-Request-Method", "GET").timeout(Duration.ofSeconds(20)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertNoAccessControl(preflight);
                    if (path.startsWith("metrics") && answer.statusCode() == 200) {
                        assertTrue(answer.body().contains("# TYPE"), "Payara's open /metrics: " + answer.body());
                    }
                }
            }
        }
    }

    @Test
    void anUnlistedOriginGetsNoAccessControlAllowHeaderAtAll() throws Exception {
        String topic = uniqueTopic();
        for (HttpResponse<String> answer : List.of(
                preflight(http("api/topics/" + topic + "/events"), UNLISTED),
                preflight(http("api/topics/" + topic), UNLISTED),
                send(HttpRequest.newBuilder(http("api/topics/" + topic)).header("Origin", UNLISTED)
                        .header("Accept", "application/json")),
                send(HttpRequest.newBuilder(http("api/topics/" + topic + "/events")).header("Origin", UNLISTED)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"step\",\"data\":1}"))))) {
            assertNoAccessControl(answer);
            assertVaryOrigin(answer.headers());
        }
        // The unlisted origin's POST above is what a non-browser client may always do (CORS binds browsers only).
    }

    @Test
    void aListedOriginReadsHeraldsAnswersAndOnlyOnHeraldsPaths() throws Exception {
        String topic = uniqueTopic();
        HttpResponse<String> status = send(HttpRequest.newBuilder(http("api/topics/" + topic))
                .header("Origin", LISTED).header("Accept", "application/json"));
        assertEquals(200, status.statusCode());
        assertEquals(List.of(LISTED), status.headers().allValues("Access-Control-Allow-Origin"));
        assertEquals(List.of("true"), status.headers().allValues("Access-Control-Allow-Credentials"));
        assertEquals(List.of("Retry-After, WWW-Authenticate"),
                status.headers().allValues("Access-Control-Expose-Headers"));
        assertVaryOrigin(status.headers());

        HttpResponse<String> problem = send(HttpRequest.newBuilder(http("api/topics/" + topic + "/events"))
                .header("Origin", LISTED).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(415, problem.statusCode());
        assertEquals(List.of(LISTED), problem.headers().allValues("Access-Control-Allow-Origin"), "a page reads why");

        HttpResponse<String> noOrigin = send(HttpRequest.newBuilder(http("api/topics/" + topic))
                .header("Accept", "application/json"));
        assertNoAccessControl(noOrigin);
        assertVaryOrigin(noOrigin.headers());

        // Paths that are not Herald's topics (in an application Herald is embedded in: the application's) are left alone.
        HttpResponse<String> elsewhere = preflight(http("api/demo-upstream/mode"), LISTED);
        assertNoAccessControl(elsewhere);
        assertFalse(elsewhere.headers().allValues("Vary").toString().contains("Origin"), elsewhere.headers().map().toString());
    }

    /** The "simple" requests a page of any origin may send without a preflight never publish. */
    @Test
    void aSimpleCrossSitePostNeverPublishes() throws Exception {
        String topic = uniqueTopic();
        for (String type : List.of("text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x")) {
            for (String origin : List.of(UNLISTED, LISTED)) {
                HttpResponse<String> answer = send(HttpRequest.newBuilder(http("api/topics/" + topic + "/events"))
                        .header("Origin", origin).header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"step\",\"data\":1}")));
                assertEquals(415, answer.statusCode(), type + " from " + origin);
            }
        }
        assertNull(lastEventId(topic), "nothing was published");
    }

    // ---- CORS in Chromium ----

    @Test
    void aPageOnAListedOriginReadsAStreamAndPublishes() {
        String topic = uniqueTopic();
        chromium.driver().get(LISTED + "/");
        openStreams(http("api/topics/" + topic), 1, true);
        Waits.atMost(BOUND).until(() -> herald.subscribers(topic), equalTo(1));
        String fromTest = herald.publish(topic, "step", Json.createValue("from the test"));
        Waits.atMost(BOUND).until(() -> streamsThatGot(fromTest), equalTo(1));

        Map<String, Object> publish = pagePublishes(http("api/topics/" + topic + "/events"), "cors",
                "application/json");
        assertEquals(202L, publish.get("status"), publish.toString());
        String fromPage = HeraldClient.json((String) publish.get("body")).getString("id");
        Waits.atMost(BOUND).until(() -> streamsThatGot(fromPage), equalTo(1));
        assertEquals(fromPage, lastEventId(topic));
    }

    @Test
    void aPageOnAnUnlistedOriginCanNeitherReadAStreamNorPublish() {
        String topic = uniqueTopic();
        chromium.driver().get(UNLISTED + "/");

        // A JSON publish needs a preflight, which gets no allow headers: the browser never sends the POST.
        Map<String, Object> json = pagePublishes(http("api/topics/" + topic + "/events"), "cors", "application/json");
        assertTrue(String.valueOf(json.get("error")).contains("TypeError"), json.toString());
        // "Simple" POSTs go out without a preflight (their answer unreadable): Herald refuses them (415).
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "")) {
            Map<String, Object> simple = pagePublishes(http("api/topics/" + topic + "/events"), "no-cors", type);
            assertEquals(0L, simple.get("status"), "an opaque answer: " + simple);
        }
        assertNull(lastEventId(topic), "no publish had an effect");

        // Streams, with and without credentials: the browser withholds every event and fails the source.
        openStreams(http("api/topics/" + topic), 1, true);
        openStreams(http("api/topics/" + topic), 1, false);
        Waits.atMost(BOUND).until(() -> closedStreams() == 2);
        String id = herald.publish(topic, "step", Json.createValue(1));
        assertEquals(0, streamsThatGot(id));
        assertEquals(0L, chromium.driver().executeScript("return window.streams.filter(s => s.opened).length"));
    }

    @Test
    void aPageOnAListedOriginReadsAProtectedTopicWithTheTokenCookie() {
        String topic = protectedTopic();
        chromium.driver().get(LISTED + "/");
        // Cookies ignore ports: one set for localhost goes with the page's credentialed requests to Herald there
        // (another origin, the same site), as a cookie set by the application that serves both would.
        chromium.driver().manage().addCookie(new Cookie.Builder("herald-token",
                TestTokens.token().subscribe(topic).sign()).path("/").build());
        try {
            openStreams(localhost("api/topics/" + topic), 1, true);
            Waits.atMost(BOUND).until(this::openedStreams, equalTo(1)); // its status is not for anonymous eyes
            String id = publishAs(topic);
            Waits.atMost(BOUND).until(() -> streamsThatGot(id), equalTo(1));
        } finally {
            chromium.driver().manage().deleteCookieNamed("herald-token");
        }
    }

    @Test
    void aPageOnAListedOriginReadsAProtectedTopicWithATicketItMinted() {
        String topic = protectedTopic();
        chromium.driver().get(LISTED + "/");
        Map<String, Object> minted = pageMintsTicket(localhost("api/tickets"), topic,
                TestTokens.token().subscribe(topic).sign());
        assertEquals(201L, minted.get("status"), minted.toString());
        String ticket = HeraldClient.json((String) minted.get("body")).getString("ticket");
        openStreams(URI.create(localhost("api/topics/" + topic) + "?ticket=" + ticket), 1, false);
        Waits.atMost(BOUND).until(this::openedStreams, equalTo(1));
        String id = publishAs(topic);
        Waits.atMost(BOUND).until(() -> streamsThatGot(id), equalTo(1));
    }

    @Test
    void aPageOnAnUnlistedOriginCannotMintATicket() {
        String topic = protectedTopic();
        chromium.driver().get(UNLISTED + "/");
        Map<String, Object> minted = pageMintsTicket(localhost("api/tickets"), topic,
                TestTokens.token().subscribe(topic).sign());
        assertTrue(String.valueOf(minted.get("error")).contains("TypeError"), "the preflight is refused: " + minted);
    }

    // ---- helpers ----

    private int openedStreams() {
        return ((Number) chromium.driver().executeScript(
                "return window.streams.filter(s => s.opened).length")).intValue();
    }

    /** A topic of the test configuration that nobody may read or write without a token. */
    private static String protectedTopic() {
        return "sec-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The deployment's {@code path} under the name {@code localhost}, the listed origin's site. */
    private URI localhost(String path) {
        return URI.create(deployment.getProtocol() + "://localhost:" + deployment.getPort() + root() + path);
    }

    /** Publishes one {@code step} to a protected topic with a token that may, and answers its id. */
    private String publishAs(String topic) {
        try {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(http("api/topics/" + topic + "/events"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + TestTokens.token().publish(topic).sign())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"step\",\"data\":1}")));
            assertEquals(202, answer.statusCode(), answer.body());
            return HeraldClient.json(answer.body()).getString("id");
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> pageMintsTicket(URI uri, String topic, String token) {
        return (Map<String, Object>) chromium.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {method: 'POST', mode: 'cors',
                        headers: {'Content-Type': 'application/json', 'Authorization': 'Bearer ' + arguments[2]},
                        body: JSON.stringify({topic: arguments[1]})})
                  .then(response => response.text().then(text => done({status: response.status, body: text})))
                  .catch(error => done({error: String(error)}));""", uri.toString(), topic, token);
    }


    /** The topic's last event id, or null when nothing was ever published to it. */
    private String lastEventId(String topic) {
        JsonObject status = herald.status(topic);
        return status.containsKey("lastEventId") && !status.isNull("lastEventId") ? status.getString("lastEventId") : null;
    }

    private HttpResponse<String> preflight(URI uri, String origin) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return plain.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertNoAccessControl(HttpResponse<String> answer) {
        assertTrue(answer.headers().map().keySet().stream()
                .noneMatch(name -> name.toLowerCase().startsWith("access-control-allow")), answer.headers().map().toString());
    }

    private static void assertVaryOrigin(HttpHeaders headers) {
        assertTrue(headers.allValues("Vary").stream().anyMatch(value -> value.contains("Origin")), headers.map().toString());
    }

    /** Opens {@code count} {@code EventSource}s in the page (added to {@code window.streams}). */
    private void openStreams(URI uri, int count, boolean withCredentials) {
        chromium.driver().executeScript("""
                window.streams = window.streams || [];
                for (let n = 0; n < arguments[1]; n++) {
                  const stream = {source: new EventSource(arguments[0], {withCredentials: arguments[2]}), ids: [], opened: false};
                  stream.source.addEventListener('open', () => stream.opened = true);
                  stream.source.addEventListener('step', event => stream.ids.push(event.lastEventId));
                  window.streams.push(stream);
                }""", uri.toString(), count, withCredentials);
    }

    private int streamsThatGot(String id) {
        return ((Number) chromium.driver().executeScript(
                "return window.streams.filter(s => s.ids.includes(arguments[0])).length", id)).intValue();
    }

    /** Streams still waiting for their connection: {@code EventSource.CONNECTING}, never opened. */
    private int connectingStreams() {
        return ((Number) chromium.driver().executeScript("return window.streams.filter(s => !s.opened"
                + " && s.source.readyState === EventSource.CONNECTING).length")).intValue();
    }

    private void closeStreams() {
        chromium.driver().executeScript("(window.streams || []).forEach(s => s.source.close()); window.streams = []");
    }

    private int closedStreams() {
        return ((Number) chromium.driver().executeScript(
                "return window.streams.filter(s => s.source.readyState === EventSource.CLOSED).length")).intValue();
    }

    /** A {@code fetch} POST of a valid publish body from the page: its status and body, or the error it threw. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> pagePublishes(URI uri, String mode, String contentType) {
        return (Map<String, Object>) chromium.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const body = '{"event":"step","data":{"from":"page"}}';
                fetch(arguments[0], {method: 'POST', mode: arguments[1], credentials: 'include',
                        headers: arguments[2] ? {'Content-Type': arguments[2]} : {},
                        body: arguments[2] ? body : new Blob([body])})
                  .then(response => response.text().then(text => done({status: response.status, body: text})))
                  .catch(error => done({error: String(error)}));""", uri.toString(), mode, contentType);
    }
}
