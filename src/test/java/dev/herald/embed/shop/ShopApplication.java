package dev.herald.embed.shop;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The host's own application, at its own path, discovering its classes (HostAloneIT). */
@ApplicationPath("shop")
public class ShopApplication extends Application {
}
