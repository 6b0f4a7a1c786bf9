package dev.herald.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;

/** Which requests get the 200 + error event form: a GET that asks for an event stream, nothing else. */
class ProblemResponsesTest {

    private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE;
    private static final MediaType STREAM = MediaType.SERVER_SENT_EVENTS_TYPE;
    private static final MediaType ANY = MediaType.WILDCARD_TYPE;

    @Test
    void aGetAskingForAStreamGetsTheErrorEvent() {
        assertTrue(ProblemResponses.wantsEventStream("GET", List.of(STREAM)));
        assertTrue(ProblemResponses.wantsEventStream("GET", List.of(STREAM, JSON)));
        assertTrue(ProblemResponses.wantsEventStream("GET", List.of(JSON, STREAM)));
    }

    @Test
    void aGetNotAskingForAStreamGetsProblemJson() {
        assertFalse(ProblemResponses.wantsEventStream("GET", List.of(JSON)));
        assertFalse(ProblemResponses.wantsEventStream("GET", List.of(ANY)));
        assertFalse(ProblemResponses.wantsEventStream("GET", List.of(new MediaType("text", "*"))));
        assertFalse(ProblemResponses.wantsEventStream("GET", List.of()));
    }

    @Test
    void anyOtherMethodGetsProblemJsonWhateverItsAccept() {
        for (String method : List.of("POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH")) {
            assertFalse(ProblemResponses.wantsEventStream(method, List.of(STREAM)), method);
            assertFalse(ProblemResponses.wantsEventStream(method, List.of(STREAM, JSON)), method);
        }
        assertFalse(ProblemResponses.wantsEventStream(null, List.of(STREAM)));
    }
}
