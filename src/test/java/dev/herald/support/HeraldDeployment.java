package dev.herald.support;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Every integration test deploys the WAR the build produced: the artifact users get, not a hand-made archive. */
public final class HeraldDeployment {

    private HeraldDeployment() {
    }

    /**
     * The WAR with the demo on, as the suite needs it: one more config source in {@code WEB-INF/lib}
     * ({@code it-config.properties}), so that the production configuration itself stays untouched.
     */
    public static WebArchive war() {
        return production().addAsLibrary(ShrinkWrap.create(JavaArchive.class, "herald-it-config.jar")
                .addAsManifestResource(HeraldDeployment.class.getResource("it-config.properties"),
                        "microprofile-config.properties"));
    }

    /** The WAR exactly as built, with its production configuration (no profile set: no demo). */
    public static WebArchive production() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(warPath()));
    }

    /** The library jar the build produced: Herald for an existing application. */
    public static File library() {
        return new File(System.getProperty("herald.library", "target/herald-library.jar"));
    }

    private static String warPath() {
        return System.getProperty("herald.war", "target/herald.war");
    }
}
