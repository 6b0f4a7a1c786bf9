package dev.herald.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.herald.client.HeraldProblem;
import dev.herald.client.HeraldSubscription;
import dev.herald.support.Canary;
import dev.herald.support.HeraldClient;
import dev.herald.support.HeraldIT;
import dev.herald.support.RawStream;
import dev.herald.support.SseFrames;
import dev.herald.support.TestTokens;
import dev.herald.support.Waits;

/**
 * Who may read and write a topic, on a real server: the sec-* topics of the test configuration are neither
 * public nor open to anonymous publishing. Every refusal is checked by its exact problem type, as an error event
 * for a stream and as problem+json (with {@code WWW-Authenticate} for a 401) for anything else; and a
 * well-behaved client on another topic (the canary, anonymous on a public it-* topic) loses nothing meanwhile.
 */
class SecurityIT extends HeraldIT {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Canary canary;

    @BeforeEach
    void startCanary() {
        canary = Canary.on(herald.topic(uniqueTopic()));
    }

    @AfterEach
    void checkCanary() {
        try (Canary intact = canary) {
            intact.awaitProgress(3, BOUND);
            intact.assertIntact();
        }
    }

    private static String secTopic() {
        return "sec-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void withoutATokenAProtectedTopicCanBeNeitherReadNorWritten() throws Exception {
        String topic = secTopic();
        assertProblem(streamError(herald.topic(topic), Map.of()), "unauthorized", false);
        HttpResponse<String> published = publish(topic, Map.of());
        assertProblem(problemJson(published, 401), "unauthorized", false);
        assertEquals("Bearer realm=\"herald\"", published.headers().firstValue("WWW-Authenticate").orElse(null));
        HttpResponse<String> status = send(HttpRequest.newBuilder(herald.topic(topic))
                .header("Accept", "application/json").GET());
        assertProblem(problemJson(status, 401), "unauthorized", false);
    }

    @Test
    void aValidTokenReadsAndPublishesWhatItGrants() throws Exception {
        String topic = secTopic();
        String reader = TestTokens.token().subscribe(topic).es256().sign();
        String writer = TestTokens.token().publish("sec-*").sign();
        try (RawStream stream = RawStream.open(herald.topic(topic), "text/event-stream", bearer(reader))) {
            stream.awaitText(text -> text.contains("event: subscribed"), BOUND);
            HttpResponse<String> published = publish(topic, bearer(writer));
            assertEquals(202, published.statusCode(), published.body());
            String id = HeraldClient.json(published.body()).getString("id");
            stream.awaitText(text -> text.contains("id: " + id + "\n"), BOUND);
        }
        HttpResponse<String> status = send(HttpRequest.newBuilder(herald.topic(topic))
                .header("Accept", "application/json").header("Authorization", "Bearer " + reader).GET());
        assertEquals(200, status.statusCode(), status.body());
    }

    @Test
    void theTokenCookieWorksAsTheHeaderDoes() throws Exception {
        String topic = secTopic();
        String token = TestTokens.token().subscribe(topic).publish(topic).sign();
        Map<String, String> cookie = Map.of("Cookie", "other=1; herald-token=" + token);
        try (RawStream stream = RawStream.open(herald.topic(topic), "text/event-stream", cookie)) {
            stream.awaitText(text -> text.contains("event: subscribed"), BOUND);
            HttpResponse<String> published = publish(topic, cookie);
            assertEquals(202, published.statusCode(), published.body());
            stream.awaitText(text -> text.contains("event: secured"), BOUND);
        }
    }

    @Test
    void tokensThatAreNotAcceptedAreRefusedByType() throws Exception {
        String topic = secTopic();
        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put(TestTokens.token().subscribe(topic).publish(topic).signedByStranger().sign(), "unauthorized");
        refusals.put(TestTokens.token().subscribe(topic).publish(topic).expiresIn(Duration.ofSeconds(-10)).sign(),
                "token-expired");
        refusals.put(TestTokens.token().subscribe(topic).publish(topic).notBefore(Instant.now().plusSeconds(600))
                .sign(), "unauthorized");
        refusals.put(TestTokens.token().subscribe(topic).publish(topic).issuer("https://evil.test").sign(),
                "unauthorized");
        refusals.put(TestTokens.token().subscribe(topic).publish(topic).audience("another-service").sign(),
                "unauthorized");
        refusals.put(TestTokens.unsigned(TestTokens.token().subscribe(topic).publish(topic)), "unauthorized");
        refusals.put(TestTokens.hmacWithPublicKey(TestTokens.token().subscribe(topic).publish(topic)),
                "unauthorized");
        refusals.put("not.a-token", "unauthorized");
        List<String> seen = new ArrayList<>();
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            boolean retryable = "token-expired".equals(refusal.getValue());
            JsonObject event = streamError(herald.topic(topic), bearer(refusal.getKey()));
            assertProblem(event, refusal.getValue(), retryable);
            assertFalse(event.toString().contains(TestTokens.ISSUER), "no claim value in a problem: " + event);
            HttpResponse<String> published = publish(topic, bearer(refusal.getKey()));
            assertProblem(problemJson(published, 401), refusal.getValue(), retryable);
            assertTrue(published.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer "));
            seen.add(refusal.getValue());
        }
        assertEquals(8, seen.size());
        assertEquals(0, herald.status(uniqueTopic()).getInt("subscribers"));
    }

    @Test
    void aTokenForAnotherTopicIsForbidden() throws Exception {
        String granted = secTopic();
        String other = secTopic();
        String token = TestTokens.token().subscribe(granted, "sec-prefix.*").publish(granted).sign();
        assertProblem(streamError(herald.topic(other), bearer(token)), "forbidden", false);
        assertProblem(problemJson(publish(other, bearer(token)), 403), "forbidden", false);
        assertProblem(problemJson(publish(granted.replace("sec-", "sec-x"), bearer(token)), 403), "forbidden", false);
        // Subscribing grants no publishing.
        String readOnly = TestTokens.token().subscribe(other).sign();
        assertProblem(problemJson(publish(other, bearer(readOnly)), 403), "forbidden", false);
        try (RawStream stream = RawStream.open(herald.topic("sec-prefix.one"), "text/event-stream", bearer(token))) {
            stream.awaitText(text -> text.contains("event: subscribed"), BOUND);
        }
    }

    @Test
    void aTicketOpensOneStreamOfItsTopicOnce() throws Exception {
        String topic = secTopic();
        String token = TestTokens.token().subscribe(topic).publish(topic).sign();
        String ticket = mintTicket(topic, token);
        URI withTicket = URI.create(herald.topic(topic) + "?ticket=" + ticket);
        try (RawStream stream = RawStream.open(withTicket, "text/event-stream")) {
            stream.awaitText(text -> text.contains("event: subscribed"), BOUND);
            assertEquals(202, publish(topic, bearer(token)).statusCode());
            stream.awaitText(text -> text.contains("event: secured"), BOUND);
        }
        assertProblem(streamError(withTicket, Map.of()), "unauthorized", false);

        String forAnother = mintTicket(topic, token);
        URI elsewhere = URI.create(herald.topic(secTopic()) + "?ticket=" + forAnother);
        assertProblem(streamError(elsewhere, Map.of()), "forbidden", false);
        assertProblem(streamError(URI.create(herald.topic(topic) + "?ticket=" + forAnother), Map.of()),
                "unauthorized", false); // used up by the failed attempt
        // A ticket opens a stream only: not a status, not a publish.
        HttpResponse<String> status = send(HttpRequest.newBuilder(URI.create(herald.topic(topic) + "?ticket="
                + mintTicket(topic, token))).header("Accept", "application/json").GET());
        assertProblem(problemJson(status, 401), "unauthorized", false);
    }

    @Test
    void ticketsAreMintedOnlyForAGrantedTopic() throws Exception {
        String topic = secTopic();
        assertProblem(problemJson(ticketRequest(topic, Map.of()), 401), "unauthorized", false);
        String token = TestTokens.token().subscribe(topic).sign();
        assertProblem(problemJson(ticketRequest(secTopic(), bearer(token)), 403), "forbidden", false);
        assertProblem(problemJson(ticketRequest("bad name", bearer(token)), 400), "invalid-topic", false);
        HttpResponse<String> minted = ticketRequest(topic, bearer(token));
        assertEquals(201, minted.statusCode(), minted.body());
        assertTrue(minted.headers().firstValue("Cache-Control").orElse("").contains("no-store"),
                minted.headers().map().toString());
        JsonObject body = HeraldClient.json(minted.body());
        assertEquals(topic, body.getString("topic"));
        assertTrue(body.getJsonNumber("expiresInMs").longValue() <= 3000, body.toString());
    }

    @Test
    void theTicketStoreIsBoundedAndEmptiesAsTicketsExpire() throws Exception {
        String topic = secTopic();
        HttpResponse<String> answer;
        int minted = 0;
        int principals = 0;
        do { // the store holds herald.auth.tickets.max (20): only several principals together reach it
            String token = TestTokens.token().subscribe(topic).sign();
            principals++;
            while ((answer = ticketRequest(topic, bearer(token))).statusCode() == 201) {
                minted++;
                assertTrue(minted <= 20, "the store holds herald.auth.tickets.max (20) tickets at most");
            }
        } while (answer.statusCode() == 429 && principals < 10);
        assertProblem(problemJson(answer, 503), "too-many-tickets", true);
        assertTrue(answer.headers().firstValue("Retry-After").isPresent());
        assertEquals(20, minted);
        assertEquals(5, principals, "4 principals of 5 tickets each fill it, the 5th is refused");
        String fresh = TestTokens.token().subscribe(topic).sign();
        Waits.atMost(BOUND).until(() -> ticketRequest(topic, bearer(fresh)).statusCode() == 201);
    }

    /** One principal minting as fast as it can is refused alone: everyone else still mints and opens streams. */
    @Test
    void aTicketHogIsRefusedAloneAndOthersStillOpenStreams() throws Exception {
        String topic = secTopic();
        String hog = TestTokens.token().subscribe(topic).publish(topic).sign();
        HttpResponse<String> answer;
        int minted = 0;
        while ((answer = ticketRequest(topic, bearer(hog))).statusCode() == 201) {
            minted++;
            assertTrue(minted <= 5, "one principal holds herald.auth.tickets.max-per-principal (5) at most");
        }
        JsonObject problem = problemJson(answer, 429);
        assertProblem(problem, "ticket-quota", true);
        long retryAfterMs = problem.getJsonNumber("retryAfterMs").longValue();
        assertTrue(retryAfterMs > 0 && retryAfterMs <= 3000, "until its oldest ticket expires: " + problem);
        assertTrue(answer.headers().firstValue("Retry-After").isPresent(), answer.headers().map().toString());
        for (int more = 0; more < 20; more++) { // hammering changes nothing, for the hog or for the others
            assertEquals(429, ticketRequest(topic, bearer(hog)).statusCode());
        }

        String other = TestTokens.token().subscribe(topic).sign();
        URI withTicket = URI.create(herald.topic(topic) + "?ticket=" + mintTicket(topic, other));
        try (RawStream stream = RawStream.open(withTicket, "text/event-stream")) {
            stream.awaitText(text -> text.contains("event: subscribed"), BOUND);
            assertEquals(202, publish(topic, bearer(hog)).statusCode());
            stream.awaitText(text -> text.contains("event: secured"), BOUND);
        }
        Waits.atMost(BOUND).until(() -> ticketRequest(topic, bearer(hog)).statusCode() == 201); // its own expired
    }

    /** docs/security.md: a ticket is taken out "when it is shown, accepted or not". */
    @Test
    void aTicketShownIsSpentEvenWhenTheRequestIsRefused() throws Exception {
        String topic = secTopic();
        String token = TestTokens.token().subscribe(topic).sign();
        String forStatus = mintTicket(topic, token);
        HttpResponse<String> status = send(HttpRequest.newBuilder(URI.create(herald.topic(topic) + "?ticket="
                + forStatus)).header("Accept", "application/json").GET());
        assertProblem(problemJson(status, 401), "unauthorized", false);
        assertProblem(streamError(URI.create(herald.topic(topic) + "?ticket=" + forStatus), Map.of()),
                "unauthorized", false);

        String forHead = mintTicket(topic, token);
        HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(herald.topic(topic) + "?ticket="
                + forHead)).header("Accept", "text/event-stream").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(401, head.statusCode());
        assertProblem(streamError(URI.create(herald.topic(topic) + "?ticket=" + forHead), Map.of()),
                "unauthorized", false);

        String besideHeader = mintTicket(topic, token);
        URI withTicket = URI.create(herald.topic(topic) + "?ticket=" + besideHeader);
        try (RawStream stream = RawStream.open(withTicket, "text/event-stream", bearer(token))) {
            stream.awaitText(text -> text.contains("event: subscribed"), BOUND); // the header opened it
        }
        assertProblem(streamError(withTicket, Map.of()), "unauthorized", false);

        String unknownTopic = mintTicket(topic, token);
        assertProblem(streamError(URI.create(herald.topic("bad%20name") + "?ticket=" + unknownTopic), Map.of()),
                "invalid-topic", false);
        assertProblem(streamError(URI.create(herald.topic(topic) + "?ticket=" + unknownTopic), Map.of()),
                "unauthorized", false);
    }

    @Test
    void twoCredentialsOfOneKindAreRefusedAsAmbiguous() throws Exception {
        String topic = secTopic();
        String mine = TestTokens.token().subscribe(topic).publish(topic).sign();
        String yours = TestTokens.token().subscribe(secTopic()).sign();
        for (String cookies : List.of("herald-token=" + yours + "; herald-token=" + mine,
                "herald-token=" + mine + "; other=1; herald-token=" + yours)) {
            Map<String, String> twoCookies = Map.of("Cookie", cookies);
            assertProblem(streamError(herald.topic(topic), twoCookies), "ambiguous-credentials", false);
            assertProblem(problemJson(publish(topic, twoCookies), 400), "ambiguous-credentials", false);
        }
        String first = mintTicket(topic, mine);
        String second = mintTicket(topic, mine);
        assertProblem(streamError(URI.create(herald.topic(topic) + "?ticket=" + first + "&ticket=" + second),
                Map.of()), "ambiguous-credentials", false);
        assertProblem(streamError(URI.create(herald.topic(topic) + "?ticket=" + second), Map.of()),
                "unauthorized", false); // both were shown, both are spent
        try (RawStream stream = RawStream.open(herald.topic(topic), "text/event-stream",
                Map.of("Cookie", "other=1; herald-token=" + mine))) {
            stream.awaitText(text -> text.contains("event: subscribed"), BOUND); // one cookie is fine
        }
    }

    @Test
    void aJwtInTheQueryStringIsRefused() throws Exception {
        String topic = secTopic();
        String token = TestTokens.token().subscribe(topic).publish(topic).sign();
        for (String parameter : List.of("access_token", "ticket", "token")) {
            URI uri = URI.create(herald.topic(topic) + "?" + parameter + "=" + token);
            assertProblem(streamError(uri, Map.of()), "token-in-query", false);
        }
        // Even beside a valid header, and even on a public topic: the URL is what gets logged.
        URI publicTopic = URI.create(herald.topic(uniqueTopic()) + "?access_token="
                + URLEncoder.encode("Bearer " + token, StandardCharsets.UTF_8));
        assertProblem(streamError(publicTopic, bearer(token)), "token-in-query", false);
        HttpResponse<String> published = send(HttpRequest.newBuilder(
                        URI.create(herald.topic(topic) + "/events?access_token=" + token))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"secured\",\"data\":1}")));
        assertProblem(problemJson(published, 400), "token-in-query", false);

        // Disguised, on a public topic whose stream would open otherwise: before or after other characters, encoded,
        // as a matrix parameter, with a header whose base64 does not start with eyJ.
        String open = herald.topic(uniqueTopic()).toString();
        String spaced = QueryTokensTest.withSpacedHeader(token);
        for (String disguised : List.of("?t=x" + token, "?t=" + token + "!", "?t=%23" + token, ";t=" + token,
                ";t=x" + token + "?a=1", "?t=" + spaced, "?" + token, "?t=%2565" + token.substring(1),
                "?t=" + token.replace(".", "%2E"))) {
            assertProblem(streamError(URI.create(open + disguised), Map.of()), "token-in-query", false);
        }
    }

    @Test
    void aStreamEndsWithRetryableTokenExpiredWhenItsTokenExpires() {
        String topic = secTopic();
        String token = TestTokens.token().subscribe(topic).expiresIn(Duration.ofSeconds(3)).sign();
        try (RawStream stream = RawStream.open(herald.topic(topic), "text/event-stream", bearer(token))) {
            stream.awaitText(text -> text.contains("event: subscribed"), BOUND);
            String text = stream.awaitEnd(BOUND);
            List<String> errors = SseFrames.split(text).stream().filter(f -> f.contains("event: error")).toList();
            assertEquals(1, errors.size(), text);
            JsonObject problem = HeraldClient.json(SseFrames.field(errors.get(0), "data"));
            assertProblem(problem, "token-expired", true);
            assertEquals(String.valueOf(problem.getJsonNumber("retryAfterMs").longValue()),
                    SseFrames.field(errors.get(0), "retry"));
        }
    }

    @Test
    void theJavaClientFetchesAFreshTokenAndResumesWithNothingLost() throws Exception {
        String topic = secTopic();
        String writer = TestTokens.token().subscribe(topic).publish(topic).sign();
        AtomicInteger tokensGiven = new AtomicInteger();
        List<String> received = new CopyOnWriteArrayList<>();
        List<HeraldProblem> problems = new CopyOnWriteArrayList<>();
        try (HeraldSubscription subscription = HeraldSubscription.to(herald.topic(topic))
                .bearerToken(() -> {
                    tokensGiven.incrementAndGet();
                    return TestTokens.token().subscribe(topic).expiresIn(Duration.ofSeconds(3)).sign();
                })
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .onEvent(event -> received.add(event.id()))
                .onError(problems::add)
                .open()) {
            Waits.atMost(BOUND).until(() -> herald.subscribers(topic, writer) == 1);
            List<String> published = new ArrayList<>();
            Instant until = Instant.now().plusSeconds(9);
            while (Instant.now().isBefore(until) || problems.isEmpty()) {
                HttpResponse<String> answer = publish(topic, bearer(writer));
                assertEquals(202, answer.statusCode(), answer.body());
                published.add(HeraldClient.json(answer.body()).getString("id"));
                Thread.sleep(250); // within the suite's per-principal publish rate (5/s)
                assertTrue(Instant.now().isBefore(until.plusSeconds(20)), "a token expired meanwhile");
            }
            String last = published.get(published.size() - 1);
            Waits.atMost(BOUND).until(() -> received.contains(last));
            assertEquals(published, received, "every event once, in order, across the reconnects");
            assertTrue(problems.stream().allMatch(problem -> "token-expired".equals(problem.slug())), problems.toString());
            assertTrue(tokensGiven.get() >= 2, "a fresh token for the reconnect: " + tokensGiven.get());
        }
    }

    @Test
    void aTokensSubjectIsThePrincipalThatStreamQuotasCount() {
        String topic = secTopic();
        String token = TestTokens.token().subscribe(topic).sign();
        List<RawStream> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) { // the suite's herald.quota.streams-per-principal
                RawStream stream = RawStream.open(herald.topic(topic), "text/event-stream", bearer(token));
                streams.add(stream);
                stream.awaitText(text -> text.contains("event: subscribed"), BOUND);
            }
            assertProblem(streamError(herald.topic(topic), bearer(token)), "too-many-streams", true);
            try (RawStream another = RawStream.open(herald.topic(topic), "text/event-stream",
                    bearer(TestTokens.token().subscribe(topic).sign()))) {
                another.awaitText(text -> text.contains("event: subscribed"), BOUND); // a principal of its own
            }
        } finally {
            streams.forEach(RawStream::close);
        }
    }

    @Test
    void aPublishFloodFromOnePrincipalIsRateLimitedAndHoldsNobodyElseBack() throws Exception {
        String topic = secTopic();
        String flooder = TestTokens.token().publish(topic).sign();
        int accepted = 0;
        HttpResponse<String> limited = null;
        for (int n = 0; n < 40; n++) { // the suite allows a principal 5 publishes a second, in bursts of 10
            HttpResponse<String> published = publish(topic, bearer(flooder));
            if (published.statusCode() == 202) {
                accepted++;
            } else {
                limited = published;
            }
        }
        assertTrue(limited != null && accepted < 40, accepted + " of 40 accepted");
        JsonObject problem = problemJson(limited, 429);
        assertProblem(problem, "rate-limited", true);
        assertTrue(problem.getInt("retryAfterMs") > 0 && problem.getInt("retryAfterMs") <= 1000, problem.toString());
        assertTrue(limited.headers().firstValue("Retry-After").isPresent(), limited.headers().map().toString());

        HttpResponse<String> other = publish(topic, bearer(TestTokens.token().publish(topic).sign()));
        assertEquals(202, other.statusCode(), "another principal publishes as usual: " + other.body());
        // The loop's refusals are interleaved with publishes the refill let through: the delay to wait is the one
        // given by a refusal after the last publish that got through.
        HttpResponse<String> latest = publish(topic, bearer(flooder));
        for (int n = 0; n < 20 && latest.statusCode() == 202; n++) {
            latest = publish(topic, bearer(flooder));
        }
        Thread.sleep(problemJson(latest, 429).getInt("retryAfterMs") + 50L);
        assertEquals(202, publish(topic, bearer(flooder)).statusCode(), "welcome again after the delay given");
    }

    @Test
    void theDevProfilesTokenEndpointMintsTokensThatWork() throws Exception {
        String topic = secTopic();
        HttpResponse<String> minted = send(HttpRequest.newBuilder(herald.api().resolve("dev/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"publish\":[\"" + topic + "\"],\"ttlSeconds\":60}")));
        assertEquals(200, minted.statusCode(), minted.body());
        String token = HeraldClient.json(minted.body()).getString("token");
        assertEquals(202, publish(topic, bearer(token)).statusCode());
        assertProblem(problemJson(publish(secTopic(), bearer(token)), 403), "forbidden", false);
    }

    private Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private String mintTicket(String topic, String token) throws Exception {
        HttpResponse<String> minted = ticketRequest(topic, bearer(token));
        assertEquals(201, minted.statusCode(), minted.body());
        return HeraldClient.json(minted.body()).getString("ticket");
    }

    private HttpResponse<String> ticketRequest(String topic, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(herald.api().resolve("tickets"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("topic", topic).build()
                        .toString()));
        headers.forEach(request::header);
        return send(request);
    }

    private HttpResponse<String> publish(String topic, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(herald.topic(topic) + "/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"secured\",\"data\":{\"n\":1}}"));
        headers.forEach(request::header);
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One GET asking for a stream: a 200 event stream with one error event, which then ends. */
    private JsonObject streamError(URI uri, Map<String, String> headers) {
        try (RawStream stream = RawStream.open(uri, "text/event-stream", headers)) {
            assertEquals(200, stream.response().statusCode());
            String text = stream.awaitText(body -> body.contains("event: error"), BOUND);
            String frame = SseFrames.split(text).stream().filter(f -> f.contains("event: error")).findFirst()
                    .orElseThrow();
            return HeraldClient.json(SseFrames.field(frame, "data"));
        }
    }

    private static JsonObject problemJson(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null));
        return HeraldClient.json(response.body());
    }

    private static void assertProblem(JsonObject problem, String slug, boolean retryable) {
        assertEquals("urn:herald:problem:" + slug, problem.getString("type"), problem.toString());
        assertEquals(retryable, problem.getBoolean("retryable"), problem.toString());
    }
}
