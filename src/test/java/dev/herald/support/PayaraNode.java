package dev.herald.support;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Payara Micro started by a test as a process of its own, with the built WAR at {@code /} and the project's server
 * configuration: for tests that need a second server beside Arquillian's (ClusterIT) or that stop it themselves.
 */
public final class PayaraNode extends HeraldNode {

    private PayaraNode(String name, int port, NodeSettings settings) {
        super(name, port, settings);
    }

    /** Starts one on a free port, with Herald's settings as an operator gives them. */
    public static PayaraNode start(String name, NodeSettings settings) throws IOException {
        return (PayaraNode) new PayaraNode(name, FreePort.pick(), settings).started();
    }

    @Override
    protected Process launch() throws IOException {
        String config = System.getProperty("herald.serverConfig");
        String war = System.getProperty("herald.war");
        File log = new File(war).toPath().resolveSibling(name + "-payara.log").toFile();
        // As the run command starts it: the ports as system properties, so that the listeners open only once Herald
        // is deployed (server-config/payara/*.asadmin), and HTTPS (on a free port) with the development certificate.
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m",
                "-Dherald.http.port=" + port, "-Dherald.https.port=" + FreePort.pick(),
                "-Djavax.net.ssl.keyStore=" + System.getProperty("herald.tls.keystore"),
                "-Djavax.net.ssl.keyStorePassword=" + System.getProperty("herald.tls.password")));
        command.addAll(serverJvmOptions());
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", System.getProperty("payara.microJar"), "--nocluster",
                "--shutdowngrace", "3000", "--sslcert", System.getProperty("herald.tls.alias"),
                "--prebootcommandfile", config + "/payara/pre-boot-commands.asadmin",
                "--postdeploycommandfile", config + "/payara/post-deploy-commands.asadmin",
                "--deploy", war, "--contextroot", "/"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        builder.environment().putAll(environment);
        return builder.start();
    }

    @Override
    public String runtime() {
        return "Payara Micro";
    }

    @Override
    public PayaraNode awaitReady(java.time.Duration bound) {
        super.awaitReady(bound);
        return this;
    }
}
