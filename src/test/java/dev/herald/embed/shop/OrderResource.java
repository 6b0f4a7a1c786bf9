package dev.herald.embed.shop;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;

/** The host's own resource, failing in every way an application's resources do, with and without its mappers. */
@Path("orders")
public class OrderResource {

    // Digits only, so that orders/broken and orders/locked reach their own methods: without it Open Liberty
    // answered both with 404.
    @GET
    @Path("{id: [0-9]+}")
    @Produces(MediaType.APPLICATION_JSON)
    public String order(@PathParam("id") int id) {
        if (id != 1) {
            throw new NotFoundException("no order " + id); // no mapper of the host's: the runtime's answer
        }
        return "{\"order\":1,\"status\":\"open\"}";
    }

    @POST
    @Path("{id: [0-9]+}/cancel")
    public void cancel(@PathParam("id") int id) {
        throw new WebApplicationException("order " + id + " is shipped", 409); // no mapper of the host's either
    }

    @GET
    @Path("broken")
    public String broken() {
        throw new IllegalStateException("the shop is broken"); // unmapped: the server's 500
    }

    @GET
    @Path("locked")
    public String locked() {
        throw new OrderLocked(); // an IllegalStateException the host maps itself
    }
}
