package dev.herald.support;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Every integration test deploys the WAR the build produced: the artifact users get, not a hand-made archive. */
public final class HeraldDeployment {

    private HeraldDeployment() {
    }

    public static WebArchive war() {
        String path = System.getProperty("herald.war", "target/herald.war");
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(path));
    }
}
