package dev.herald.embed.shop;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import dev.herald.HeraldFeature;

/**
 * The host's application when it uses Herald, at the same path as {@link ShopApplication}, but listing its classes
 * (which turns the runtime's scanning off): its own resources and mappers, plus Herald's resources and
 * {@link HeraldFeature}, as docs/embedding.md says.
 */
@ApplicationPath("shop")
public class ListingShopApplication extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new LinkedHashSet<>(List.of(OrderResource.class, PaymentResource.class,
                ShopErrorMappers.Locked.class, ShopErrorMappers.MethodNotAllowed.class));
        classes.addAll(HeraldFeature.classes());
        return classes;
    }
}
