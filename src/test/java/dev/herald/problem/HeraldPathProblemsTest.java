package dev.herald.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which paths the runtime's 405/406/415 are rewritten on: Herald's two, relative to any application path. */
class HeraldPathProblemsTest {

    @ParameterizedTest
    @ValueSource(strings = {"topics/orders", "/topics/orders", "topics/orders/", "topics/orders/events",
            "/topics/bad%20name/events/"})
    void heraldsPathsAreHeralds(String path) {
        assertTrue(HeraldPathProblems.isHeraldPath(path), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders/1", "/orders/topics/x", "topics", "topics/", "topics/a/b", "topics/a/events/x",
            "shop/topics/orders", ""})
    void everyOtherPathIsTheApplications(String path) {
        assertFalse(HeraldPathProblems.isHeraldPath(path), path);
    }

    @Test
    void noPathIsNotHeralds() {
        assertFalse(HeraldPathProblems.isHeraldPath(null));
    }
}
