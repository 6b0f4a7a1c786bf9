package dev.herald.support.arquillian;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Puts {@link SharedPayaraDeployment} in the place of Payara Micro's container in the Payara run; not in the Open
 * Liberty run (whose container deploys into one running server anyway, and which has no Payara classes). In both,
 * {@link SlowUndeployDump} watches every undeploy.
 */
public class SharedDeploymentExtension implements LoadableExtension {

    private static final String PAYARA_CONTAINER =
            "fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer";

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(SlowUndeployDump.class);
        if (payaraPresent()) {
            PayaraOverride.register(builder);
        }
    }

    private static boolean payaraPresent() {
        try {
            Class.forName(PAYARA_CONTAINER, false, SharedDeploymentExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Apart, so that the Open Liberty run never loads a class that names Payara's. */
    private static final class PayaraOverride {
        static void register(ExtensionBuilder builder) {
            builder.override(DeployableContainer.class,
                    fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer.class,
                    SharedPayaraDeployment.class);
        }
    }
}
