package dev.herald.publish;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonContentTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
            "application/json;charset=UTF-8", "application/json; charset=\"utf-8\"", " application/json "})
    void jsonInUtf8IsAccepted(String type) {
        assertTrue(JsonContentType.acceptable(List.of(type)));
    }

    /** Everything a cross-origin page can send without a preflight, and JSON in another charset. */
    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "", "application/octet-stream", "application/jsonx",
            "application/json-patch+json", "*/*", "application/*", "application/json; charset=iso-8859-1",
            "text/plain; a=application/json"})
    void anythingElseIsRefused(String type) {
        assertFalse(JsonContentType.acceptable(List.of(type)));
    }

    @Test
    void noneOrSeveralAreRefused() {
        assertFalse(JsonContentType.acceptable(null));
        assertFalse(JsonContentType.acceptable(List.of()));
        assertFalse(JsonContentType.acceptable(List.of("application/json", "text/plain")));
    }
}
