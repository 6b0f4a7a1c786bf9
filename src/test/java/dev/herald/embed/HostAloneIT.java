package dev.herald.embed;

import java.net.URI;
import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The host application without Herald: its answers are the ones in {@code host-answers-<server>.properties}, the
 * reference {@link HostWithHeraldIT} holds the same host with Herald to.
 */
@ExtendWith(ArquillianExtension.class)
class HostAloneIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShopDeployment.alone();
    }

    @ArquillianResource
    URL deployment;

    @Test
    void theHostAnswersAsRecorded() {
        new HostAnswers(URI.create(deployment.toString())).assertAsWithoutHerald();
    }
}
