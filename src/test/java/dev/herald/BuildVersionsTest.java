package dev.herald;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * One set of versions for Herald's build and the benchmark's: bench/pom.xml cannot take pom.xml as its parent (a
 * parent must be a {@code pom}, Herald's is a {@code war}), and a shared parent would have to be installed for every
 * host that depends on the library jar; so this test holds the two to the same plugin and JUnit versions.
 */
class BuildVersionsTest {

    @Test
    void theBenchmarkBuildsWithHeraldsPluginAndJUnitVersions() throws Exception {
        Document herald = read("pom.xml");
        Document bench = read("bench/pom.xml");
        Map<String, String> heraldPlugins = plugins(herald);
        Map<String, String> benchPlugins = plugins(bench);
        assertFalse(benchPlugins.isEmpty());
        benchPlugins.forEach((plugin, version) -> assertEquals(heraldPlugins.get(plugin), version, plugin));
        assertEquals(property(herald, "junit.version"), property(bench, "junit.version"));
    }

    private static Document read(String file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of(file).toFile());
    }

    /** The versions in pluginManagement, by artifact id. */
    private static Map<String, String> plugins(Document pom) {
        Map<String, String> versions = new TreeMap<>();
        Element management = (Element) pom.getElementsByTagName("pluginManagement").item(0);
        NodeList plugins = management.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            versions.put(text(plugin, "artifactId"), text(plugin, "version"));
        }
        return versions;
    }

    private static String property(Document pom, String name) {
        return text((Element) pom.getElementsByTagName("properties").item(0), name);
    }

    private static String text(Element element, String tag) {
        return element.getElementsByTagName(tag).item(0).getTextContent().strip();
    }
}
