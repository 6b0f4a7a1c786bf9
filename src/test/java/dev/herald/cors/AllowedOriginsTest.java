package dev.herald.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** herald.cors.allowed-origins: exact origins only, written the way browsers send them. */
class AllowedOriginsTest {

    @Test
    void aListedOriginMatchesExactly() {
        AllowedOrigins origins = AllowedOrigins.of(List.of("https://shop.example", " http://localhost:3000 "));
        assertTrue(origins.allows("https://shop.example"));
        assertTrue(origins.allows("http://localhost:3000"));
        assertFalse(origins.allows("http://shop.example"), "another scheme is another origin");
        assertFalse(origins.allows("https://shop.example:8443"), "another port is another origin");
        assertFalse(origins.allows("https://evil.shop.example"));
        assertFalse(origins.allows("https://shop.example.evil"));
        assertFalse(origins.allows("null"));
        assertFalse(origins.allows(null));
    }

    @Test
    void entriesAreWrittenAsBrowsersSendThem() {
        assertEquals("https://shop.example", AllowedOrigins.normalize("HTTPS://Shop.Example:443"));
        assertEquals("http://shop.example", AllowedOrigins.normalize("http://shop.example:80"));
        assertEquals("http://127.0.0.1:8080", AllowedOrigins.normalize("http://127.0.0.1:8080"));
    }

    @Test
    void noneAllowsNothing() {
        assertTrue(AllowedOrigins.none().isEmpty());
        assertFalse(AllowedOrigins.none().allows("http://localhost"));
        assertTrue(AllowedOrigins.of(List.of("", " ")).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "null", "https://*.example", "shop.example", "https://shop.example/",
            "https://shop.example/app", "https://shop.example?x=1", "https://user@shop.example", "ftp://shop.example",
            "file:///tmp", "https://"})
    void anythingButAnOriginStopsTheDeployment(String entry) {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> AllowedOrigins.of(List.of(entry)));
        assertTrue(failure.getMessage().startsWith("herald.cors.allowed-origins"), failure.getMessage());
    }
}
