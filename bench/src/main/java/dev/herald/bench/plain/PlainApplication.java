package dev.herald.bench.plain;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The plain baseline's JAX-RS application, under the same {@code /api} root as Herald. */
@ApplicationPath("api")
public class PlainApplication extends Application {
}
