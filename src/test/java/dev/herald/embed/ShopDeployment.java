package dev.herald.embed;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import dev.herald.embed.shop.ListingShopApplication;
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

    /** The host, whose {@code Application} discovers its classes. */
    static WebArchive alone() {
        return host().addClass(ShopApplication.class);
    }

    private static WebArchive host() {
        return ShrinkWrap.create(WebArchive.class, CONTEXT + ".war")
                .addClasses(OrderResource.class, OrderLocked.class, ShopErrorMappers.class,
                        ShopErrorMappers.Locked.class, ShopErrorMappers.MethodNotAllowed.class)
                .addAsResource(ShopDeployment.class.getResource("shop-config.properties"),
                        "META-INF/microprofile-config.properties");
    }

    /**
     * The same host, plus what it takes to use Herald: the one jar, a service that publishes through it, and an
     * {@code Application} that lists its classes, Herald's among them ({@link ListingShopApplication}): the
     * stricter case, since nothing of Herald's is then found by scanning. (One {@code Application} per archive:
     * with two, Jersey hands Herald's application-scoped filters the request context of the first one only.)
     */
    static WebArchive withHerald() {
        return host()
                .addClasses(ListingShopApplication.class, OrderPayments.class, OrderPayments.OrderPaid.class,
                        PaymentResource.class)
                .addAsLibrary(HeraldDeployment.library())
                .addAsLibraries(HeraldDeployment.libraryDependencies());
    }
}
