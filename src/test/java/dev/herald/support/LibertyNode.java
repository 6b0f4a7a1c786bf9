package dev.herald.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An Open Liberty server started by a test as a process of its own: a server of its own name in the build's Liberty
 * installation ({@code herald.it.libertyHome}), with the project's {@code server-config/liberty/server.xml}, the built
 * WAR in {@code dropins} and Herald's settings as environment variables and system properties. {@code server run}
 * execs the JVM, so the process is the server and signals reach it.
 */
public final class LibertyNode extends HeraldNode {

    private LibertyNode(String name, int port, NodeSettings settings) {
        super(name, port, settings);
    }

    /** Starts one on a free port, with Herald's settings as an operator gives them. */
    public static LibertyNode start(String name, NodeSettings settings) throws IOException {
        return (LibertyNode) new LibertyNode(name, FreePort.pick(), settings).started();
    }

    @Override
    protected Process launch() throws IOException {
        Path wlp = Path.of(System.getProperty("herald.it.libertyHome"));
        Path server = wlp.resolve("usr/servers").resolve(name);
        Files.createDirectories(server.resolve("dropins"));
        Files.copy(Path.of(System.getProperty("herald.serverConfig"), "liberty", "server.xml"),
                server.resolve("server.xml"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Path.of(System.getProperty("herald.war")), server.resolve("dropins/herald.war"),
                StandardCopyOption.REPLACE_EXISTING);
        // Not the run command's jvm.options (its dev profile): production's settings, as the WAR is built.
        List<String> options = new ArrayList<>(List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError"));
        options.addAll(serverJvmOptions());
        options.addAll(systemProperties);
        Files.write(server.resolve("jvm.options"), options);
        Files.writeString(server.resolve("bootstrap.properties"), String.join("\n",
                "http.port=" + port,
                "https.port=" + FreePort.pick(),
                "herald.tls.keystore=" + System.getProperty("herald.tls.keystore"),
                "herald.tls.password=" + System.getProperty("herald.tls.password"),
                "herald.metrics.password=" + System.getProperty("herald.metrics.password"), ""));
        Path log = Path.of(System.getProperty("herald.war")).resolveSibling(name + "-liberty.log");
        ProcessBuilder builder = new ProcessBuilder(wlp.resolve("bin/server").toString(), "run", name, "--clean")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("JAVA_HOME", Path.of(javaExecutable()).getParent().getParent().toString());
        return builder.start();
    }

    @Override
    public String runtime() {
        return "Open Liberty";
    }

    @Override
    public LibertyNode awaitReady(Duration bound) {
        super.awaitReady(bound);
        return this;
    }
}
