package dev.herald.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Every integration test deploys the WAR the build produced: the artifact users get, not a hand-made archive.
 * The suite's settings ({@code src/test/it-config/microprofile-config.properties}) travel with it as a small
 * library holding one more MicroProfile Config source, the way an operator would add one.
 */
public final class HeraldDeployment {

    private static final Path TEST_CONFIG = Path.of(System.getProperty("herald.itConfig",
            "src/test/it-config/microprofile-config.properties"));

    private HeraldDeployment() {
    }

    public static WebArchive war() {
        return production().addAsLibrary(testConfig());
    }

    /**
     * {@code war} made unlike any other deployment, so that on Payara the test class gets a server of its own
     * (support.arquillian.SharedPayaraDeployment shares one among classes that deploy the same archive).
     */
    public static WebArchive unshared(WebArchive war) {
        return war.addAsResource(new StringAsset(java.util.UUID.randomUUID().toString()), "herald-it-unshared");
    }

    /**
     * The WAR with its production configuration, plus only what an operator must add to let anyone in: the keys
     * (and issuer and audience) of the tests' tokens.
     */
    public static WebArchive productionWithKeys() {
        return production().addAsLibrary(configJar("herald-it-keys.jar",
                "config_ordinal=200\n" + TestTokens.authConfig()));
    }

    /** What the library jar needs beside the platform, as a host's build would bring it: the JOSE library. */
    public static File[] libraryDependencies() {
        try {
            return new File[] {new File(com.nimbusds.jwt.SignedJWT.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI())};
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The WAR exactly as built, with its production configuration (no profile set: no demo). */
    public static WebArchive production() {
        String path = System.getProperty("herald.war", "target/herald.war");
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(path));
    }

    /** The library jar the build produced: Herald for an existing application. */
    public static File library() {
        return new File(System.getProperty("herald.library", "target/herald-library.jar"));
    }

    /** The port of the tests' second origin (a page server, {@code herald.cors.allowed-origins}); free, per run. */
    public static int pagePort() {
        return Integer.getInteger("herald.it.pagePort", 18766);
    }

    /** Herald's HTTPS port on the server of the run (HTTP/2 by ALPN, the development certificate). */
    public static int httpsPort() {
        return Integer.getInteger("herald.it.httpsPort", 8443);
    }

    /** The suite's WAR as a node of a cluster on the build's Redis ({@code cluster-config.properties} on top). */
    public static WebArchive clusterNode() {
        return war().addAsLibrary(configJar("herald-cluster-config.jar", clusterConfig()));
    }

    /** A cluster node that also runs ClusterIT's upstreams ({@code cluster-upstreams.properties} on top). */
    public static WebArchive clusterNodeWithUpstreams() {
        return clusterNode().addAsLibrary(configJar("herald-cluster-upstreams.jar", clusterUpstreamsConfig()));
    }

    /** ClusterIT's upstreams, placeholders filled in. */
    public static String clusterUpstreamsConfig() {
        return read(TEST_CONFIG.resolveSibling("cluster-upstreams.properties"));
    }

    /** The cluster nodes' settings, placeholders filled in. */
    public static String clusterConfig() {
        return read(TEST_CONFIG.resolveSibling("cluster-config.properties"));
    }

    private static JavaArchive testConfig() {
        return configJar("herald-it-config.jar", read(TEST_CONFIG) + "\n" + TestTokens.authConfig());
    }

    private static JavaArchive configJar(String name, String settings) {
        return ShrinkWrap.create(JavaArchive.class, name)
                .addAsManifestResource(new StringAsset(settings), "microprofile-config.properties");
    }

    private static String read(Path file) {
        try {
            String settings = Files.readString(file)
                    .replace("${herald.it.upstreamPort}", System.getProperty("herald.it.upstreamPort"))
                    .replace("${herald.it.pagePort}", String.valueOf(pagePort()));
            // Redis is started only for a configuration that names it (RedisServer starts it on first use).
            return !settings.contains("${herald.it.redisPort}") ? settings
                    : settings.replace("${herald.it.redisPort}", String.valueOf(RedisServer.port()));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the test configuration " + file, e);
        }
    }
}
