package dev.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.ext.Provider;

import org.junit.jupiter.api.Test;

/**
 * {@link HeraldFeature}'s lists are every provider and resource of Herald's library, read from the compiled
 * classes: a provider added without the feature would be lost by every host that lists its classes.
 */
class HeraldFeatureTest {

    /** The standalone WAR's own parts, the demo and the client: not in the library jar (pom.xml). */
    private static final Set<String> NOT_IN_LIBRARY = Set.of("dev.herald.standalone.", "dev.herald.demo.",
            "dev.herald.client.");

    @Test
    void theFeatureListsEveryProviderOfTheLibrary() throws Exception {
        assertEquals(names(libraryClasses().filter(type -> type.isAnnotationPresent(Provider.class))),
                names(HeraldFeature.PROVIDERS.stream()));
    }

    @Test
    void theResourcesAreEveryResourceOfTheLibrary() throws Exception {
        assertEquals(names(libraryClasses().filter(type -> type.isAnnotationPresent(Path.class))),
                names(HeraldFeature.RESOURCES.stream()));
    }

    @Test
    void aListingApplicationAddsTheResourcesAndTheFeature() {
        Set<Class<?>> classes = HeraldFeature.classes();
        assertEquals(HeraldFeature.RESOURCES.size() + 1, classes.size());
        assertTrue(classes.containsAll(HeraldFeature.RESOURCES) && classes.contains(HeraldFeature.class));
    }

    private static Set<String> names(Stream<Class<?>> classes) {
        return classes.map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Stream<Class<?>> libraryClasses() throws IOException, URISyntaxException {
        java.nio.file.Path root = java.nio.file.Path.of(
                HeraldFeature.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(name -> NOT_IN_LIBRARY.stream().noneMatch(name::startsWith))
                    .map(HeraldFeatureTest::load)
                    .collect(Collectors.toList()).stream();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, HeraldFeatureTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
