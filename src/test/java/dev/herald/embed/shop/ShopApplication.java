package dev.herald.embed.shop;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The host's own application, at its own path; everything in the WAR is discovered, Herald's resources too. */
@ApplicationPath("shop")
public class ShopApplication extends Application {
}
