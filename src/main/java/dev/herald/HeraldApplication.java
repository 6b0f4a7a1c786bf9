package dev.herald;

import java.util.Map;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Herald's REST and SSE endpoints live under {@code /api}; resources and providers are discovered by scanning. */
@ApplicationPath("api")
public class HeraldApplication extends Application {

    /**
     * Jersey holds the first 8 KiB of a {@code StreamingOutput} to compute a {@code Content-Length}, ignoring
     * {@code flush()}: the demo upstream's event stream would never reach its reader. Other implementations
     * ignore the key.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.contentLength.buffer", 0);
    }
}
