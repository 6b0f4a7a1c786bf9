package dev.herald.support;

import java.nio.file.Path;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The system properties the tests and arquillian.xml read, set before any test runs (a JUnit launcher session
 * listener, META-INF/services) unless the command line gave them: what the build made, under {@code target/}, the
 * development certificate, and free ports picked at each run, so that two builds on one machine never fight over a
 * fixed one (Payara's and Liberty's HTTP ports, their HTTPS port, the browser tests' second origin). pom.xml only
 * says which server a run is for.
 */
public final class TestProperties implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Path base = Path.of("").toAbsolutePath(); // Surefire and Failsafe run in the project's directory
        Path target = base.resolve("target");
        give("herald.war", target.resolve("herald.war"));
        give("herald.library", target.resolve("herald-library.jar"));
        give("payara.microJar", target.resolve("payara-micro.jar")); // ClusterIT's second node on Liberty's run too
        give("herald.it.libertyHome", target.resolve("liberty/wlp")); // FailoverIT's Liberty node
        give("herald.serverConfig", base.resolve("server-config"));
        // The suite's Herald settings, added to every test deployment (HeraldDeployment).
        give("herald.itConfig", base.resolve("src/test/it-config/microprofile-config.properties"));
        // The development certificate the build makes (pom.xml, server-config/tls/dev-certificate.sh).
        give("herald.tls.keystore", target.resolve("tls/herald-dev.p12"));
        give("herald.tls.password", "herald-dev");
        give("herald.tls.alias", "herald-dev");
        give("herald.metrics.password", "herald-dev"); // Liberty's /metrics login (pom.xml, liberty.var)
        // The JVM options of every server the tests start (arquillian.xml, PayaraNode, LibertyNode): only the quick
        // JIT. A test's server lives for minutes, and the optimising compiler's work would compete for the two cores
        // the suites share (docs/testing.md); no test measures speed.
        give("herald.it.serverJvmOptions", "-XX:TieredStopAtLevel=1");
        for (String port : new String[] {"herald.it.payaraPort", "herald.it.libertyPort", "herald.it.httpsPort",
                "herald.it.pagePort", "herald.it.upstreamPort"}) {
            give(port, FreePort.pick());
        }
    }

    private static void give(String key, Object value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value.toString());
        }
    }
}
