package dev.herald.embed.shop;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.herald.publish.TopicPublisher;

/** The host's own service, telling subscribers through Herald's publisher, injected like any bean. */
@ApplicationScoped
public class OrderPayments {

    private TopicPublisher herald;

    protected OrderPayments() {
        // for the CDI proxy
    }

    @Inject
    public OrderPayments(TopicPublisher herald) {
        this.herald = herald;
    }

    public String pay(int order) {
        return herald.publish("orders", "order-paid", new OrderPaid(order, "paid")).id().toString();
    }

    /** Any JSON-B serializable type will do. */
    public record OrderPaid(int order, String status) {
    }
}
