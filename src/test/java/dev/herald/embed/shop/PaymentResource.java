package dev.herald.embed.shop;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The host's endpoint whose service publishes through Herald. */
@Path("payments")
@RequestScoped
public class PaymentResource {

    @Inject
    OrderPayments payments;

    @POST
    @Path("{order}")
    @Produces(MediaType.TEXT_PLAIN)
    public String pay(@PathParam("order") int order) {
        return payments.pay(order);
    }
}
