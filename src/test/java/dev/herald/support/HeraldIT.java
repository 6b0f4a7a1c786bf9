package dev.herald.support;

import java.net.URL;
import java.util.UUID;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every integration test against one deployed Herald shares: the WAR the build produced, deployed by
 * Arquillian on the server of the run, and a client for it. Each test uses topics of its own.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class HeraldIT {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return HeraldDeployment.war();
    }

    @ArquillianResource
    protected URL deployment;

    protected HeraldClient herald;

    @BeforeEach
    void connect() {
        herald = new HeraldClient(deployment);
    }

    @AfterEach
    void disconnect() {
        herald.close();
    }

    /** A topic no other test uses, within the test configuration's {@code it-*} topics. */
    protected static String uniqueTopic() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
