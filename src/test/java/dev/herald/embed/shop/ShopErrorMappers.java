package dev.herald.embed.shop;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The host's own exception mappers: one for its own type, one for a failure the runtime raises. */
public final class ShopErrorMappers {

    private ShopErrorMappers() {
    }

    @Provider
    public static class Locked implements ExceptionMapper<OrderLocked> {

        @Override
        public Response toResponse(OrderLocked exception) {
            return Response.status(423).type(MediaType.TEXT_PLAIN_TYPE).entity("shop: order locked").build();
        }
    }

    @Provider
    public static class MethodNotAllowed implements ExceptionMapper<NotAllowedException> {

        @Override
        public Response toResponse(NotAllowedException exception) {
            return Response.status(405).type(MediaType.TEXT_PLAIN_TYPE).entity("shop: not here").build();
        }
    }
}
