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
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m"));
        command.addAll(systemProperties);
        command.addAll(List.of("-jar", System.getProperty("payara.microJar"), "--nocluster",
                "--port", Integer.toString(port), "--shutdowngrace", "3000",
                "--prebootcommandfile", config + "/payara/pre-boot-commands.asadmin",
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
