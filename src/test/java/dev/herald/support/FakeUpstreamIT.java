package dev.herald.support;

import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * For tests of upstream-fed topics: the tests' fake upstream is started before Herald is deployed (so that
 * Herald's first polls and relays find it) on the port the test configuration points the upstreams at.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class FakeUpstreamIT {

    protected static FakeUpstream upstream;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        upstream = FakeUpstream.start(Integer.getInteger("herald.it.upstreamPort"));
        // A server of its own: one that ran without the upstream would start with its circuits open.
        return HeraldDeployment.unshared(HeraldDeployment.war());
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @ArquillianResource
    protected URL deployment;
}
