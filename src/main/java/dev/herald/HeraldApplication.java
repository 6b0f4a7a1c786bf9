package dev.herald;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Herald's REST and SSE endpoints live under {@code /api}; resources and providers are discovered by scanning. */
@ApplicationPath("api")
public class HeraldApplication extends Application {
}
