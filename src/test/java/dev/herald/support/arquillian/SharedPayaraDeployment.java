package dev.herald.support.arquillian;

import java.util.logging.Logger;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;

import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;

/**
 * Payara Micro's Arquillian container, which starts a Payara Micro process per deployment (10–28 s each), made to
 * keep that process running while the next test class deploys the same archive: test classes that deploy the same
 * WAR with the same settings share one server. An archive with other contents stops it and starts its own; the last
 * one is stopped with the container, at the end of the run.
 * <p>
 * The classes that share a server use topics of their own (see {@code HeraldIT}); a class that needs a server of its
 * own deploys an archive no other class deploys ({@code HeraldDeployment.unshared}).
 */
public class SharedPayaraDeployment extends PayaraMicroDeployableContainer {

    private static final Logger LOG = Logger.getLogger(SharedPayaraDeployment.class.getName());

    /** The deployment whose server is running. */
    private record Running(String digest, Archive<?> archive, ProtocolMetaData metaData) {
    }

    private Running running;

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String digest = ArchiveDigest.of(archive);
        if (running != null && running.digest().equals(digest)) {
            LOG.info(() -> "Reusing the Payara Micro already running " + archive.getName());
            return running.metaData();
        }
        stopRunning();
        running = new Running(digest, archive, super.deploy(archive));
        return running.metaData();
    }

    /** Kept running for the next class that deploys the same archive. */
    @Override
    public void undeploy(Archive<?> archive) {
    }

    @Override
    public void stop() throws LifecycleException {
        try {
            stopRunning();
        } catch (DeploymentException e) {
            throw new LifecycleException("Cannot stop Payara Micro", e);
        }
        super.stop();
    }

    private void stopRunning() throws DeploymentException {
        if (running != null) {
            Archive<?> archive = running.archive();
            running = null;
            super.undeploy(archive);
        }
    }
}
