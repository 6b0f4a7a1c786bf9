package dev.herald.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The client jar ships alone: no class of it may refer to Herald's server side, or an application using it would
 * fail with NoClassDefFoundError. Read from the compiled classes' constant pools.
 */
class ClientIndependenceTest {

    private static final Pattern HERALD_CLASS = Pattern.compile("dev/herald/[A-Za-z0-9_/$]+");

    @Test
    void theClientRefersToNoServerClass() throws IOException, URISyntaxException {
        Path classes = Path.of(HeraldSubscription.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/herald/client");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(file -> file.toString().endsWith(".class")).toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            Matcher reference = HERALD_CLASS.matcher(constants);
            while (reference.find()) {
                assertEquals(true, reference.group().startsWith("dev/herald/client/"),
                        file.getFileName() + " refers to " + reference.group());
            }
        }
    }
}
