package dev.herald.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;
import dev.herald.support.TestTokens;

/** The checks on a token, without a server; the integration suite repeats the main ones on both servers. */
class TokenVerifierTest {

    private final TokenVerifier verifier = verifier("RS256,ES256");

    private static TokenVerifier verifier(String algorithms) {
        return new TokenVerifier(Optional.of(TestTokens.ISSUER), Optional.of(TestTokens.AUDIENCE),
                TestTokens.publicKeys(), Optional.empty(), algorithms, "herald", 0);
    }

    @Test
    void aValidTokenGivesItsGrantsAndExpiry() {
        Caller caller = verifier.verify(TestTokens.token().subscribe("orders.*").publish("orders.1").sign());
        assertTrue(caller.may(Access.SUBSCRIBE, "orders.9"));
        assertTrue(caller.may(Access.PUBLISH, "orders.1"));
        assertFalse(caller.may(Access.PUBLISH, "orders.2"));
        assertTrue(caller.expiresAt().isAfter(Instant.now().plusSeconds(200)));
        assertTrue(verifier.verify(TestTokens.token().es256().sign()).authenticated());
    }

    @Test
    void refusals() {
        assertRefused(ProblemType.UNAUTHORIZED, TestTokens.token().signedByStranger().sign());
        assertRefused(ProblemType.TOKEN_EXPIRED, TestTokens.token().expiresIn(Duration.ofSeconds(-5)).sign());
        assertRefused(ProblemType.UNAUTHORIZED,
                TestTokens.token().notBefore(Instant.now().plusSeconds(300)).sign());
        assertRefused(ProblemType.UNAUTHORIZED, TestTokens.token().issuer("https://evil.test").sign());
        assertRefused(ProblemType.UNAUTHORIZED, TestTokens.token().audience("someone-else").sign());
        assertRefused(ProblemType.UNAUTHORIZED, TestTokens.unsigned(TestTokens.token()));
        assertRefused(ProblemType.UNAUTHORIZED, TestTokens.hmacWithPublicKey(TestTokens.token()));
        assertRefused(ProblemType.UNAUTHORIZED, "not-a-token");
    }

    @Test
    void keysComeFromAJwksUrlToo() throws IOException {
        HttpServer provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jwks = TestTokens.jwks().getBytes(StandardCharsets.UTF_8);
        provider.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        provider.start();
        try {
            TokenVerifier remote = new TokenVerifier(Optional.of(TestTokens.ISSUER), Optional.of(TestTokens.AUDIENCE),
                    List.of(), Optional.of("http://127.0.0.1:" + provider.getAddress().getPort()
                    + "/.well-known/jwks.json"), "RS256,ES256", "herald", 0);
            assertTrue(remote.verify(TestTokens.token().subscribe("a").sign()).may(Access.SUBSCRIBE, "a"));
            assertTrue(remote.verify(TestTokens.token().es256().sign()).authenticated());
            HeraldException stranger = assertThrows(HeraldException.class,
                    () -> remote.verify(TestTokens.token().signedByStranger().sign()));
            assertEquals(ProblemType.UNAUTHORIZED, stranger.type());
        } finally {
            provider.stop(0);
        }
    }

    @Test
    void onlyConfiguredAlgorithmsAreAccepted() {
        HeraldException refused = assertThrows(HeraldException.class,
                () -> verifier("RS256").verify(TestTokens.token().es256().sign()));
        assertEquals(ProblemType.UNAUTHORIZED, refused.type());
    }

    @Test
    void hmacAndNoneCannotBeConfigured() {
        assertThrows(IllegalArgumentException.class, () -> verifier("RS256,HS256"));
        assertThrows(IllegalArgumentException.class, () -> verifier("none"));
    }

    @Test
    void keysWithoutIssuerAndAudienceStopTheDeployment() {
        assertThrows(IllegalArgumentException.class, () -> new TokenVerifier(Optional.empty(), Optional.empty(),
                TestTokens.publicKeys(), Optional.empty(), "RS256", "herald", 0));
    }

    @Test
    void withoutKeysEveryTokenIsRefused() {
        TokenVerifier none = new TokenVerifier(Optional.empty(), Optional.empty(), List.of(), Optional.empty(),
                "RS256", "herald", 0);
        HeraldException refused = assertThrows(HeraldException.class, () -> none.verify(TestTokens.token().sign()));
        assertEquals(ProblemType.UNAUTHORIZED, refused.type());
    }

    @Test
    void pemKeysParseFromOneLineOrSeveral() {
        String oneLine = TestTokens.pem(TestTokens.publicKeys().get(0)) + TestTokens.pem(TestTokens.publicKeys().get(1));
        assertEquals(TestTokens.publicKeys(), PemKeys.parse("k", oneLine));
        String wrapped = TestTokens.pem(TestTokens.publicKeys().get(0)).replace("-----BEGIN PUBLIC KEY-----",
                "-----BEGIN PUBLIC KEY-----\\n").replaceAll("(.{64})", "$1\n");
        assertEquals(List.of(TestTokens.publicKeys().get(0)), PemKeys.parse("k", wrapped));
        assertThrows(IllegalArgumentException.class, () -> PemKeys.parse("k", "nothing"));
    }

    private void assertRefused(ProblemType expected, String token) {
        HeraldException refused = assertThrows(HeraldException.class, () -> verifier.verify(token));
        assertEquals(expected, refused.type(), refused.detail());
        assertFalse(refused.detail().contains(TestTokens.ISSUER), "no claim value in the detail");
    }
}
