package dev.herald.embed;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.herald.embed.shop.OrderLocked;
import dev.herald.embed.shop.OrderPayments;
import dev.herald.embed.shop.OrderResource;
import dev.herald.embed.shop.PaymentResource;
import dev.herald.embed.shop.ShopApplication;
import dev.herald.embed.shop.ShopErrorMappers;
import dev.herald.support.HeraldDeployment;

/**
 * A small application that has nothing to do with Herald (its own {@code Application} at {@code /shop}, resource,
 * mappers and configuration), deployed alone or with Herald's library jar in {@code WEB-INF/lib}.
 */
final class ShopDeployment {

    /** The context root on both servers: the archive's name. */
    static final String CONTEXT = "host";

    private ShopDeployment() {
    }

    static WebArchive alone() {
        return ShrinkWrap.create(WebArchive.class, CONTEXT + ".war")
                .addClasses(ShopApplication.class, OrderResource.class, OrderLocked.class, ShopErrorMappers.class,
                        ShopErrorMappers.Locked.class, ShopErrorMappers.MethodNotAllowed.class)
                .addAsResource(ShopDeployment.class.getResource("shop-config.properties"),
                        "META-INF/microprofile-config.properties");
    }

    /** The same host, plus what it takes to use Herald: the one jar, and a service that publishes through it. */
    static WebArchive withHerald() {
        return alone()
                .addClasses(OrderPayments.class, OrderPayments.OrderPaid.class, PaymentResource.class)
                .addAsLibrary(HeraldDeployment.library())
                .addAsLibraries(HeraldDeployment.libraryDependencies());
    }
}
