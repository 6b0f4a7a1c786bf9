/**
 * Herald's Java client: subscribe to a topic with {@code SseEventSource} and get typed callbacks, resumption
 * with {@code Last-Event-ID}, backoff with full jitter and the reconnection contract of the README handled.
 * <p>
 * It depends only on the JAX-RS client API and JSON-P, never on the server side of Herald: the build ships it as
 * a jar of its own ({@code dev.herald:herald:<version>:jar:client}) and leaves it out of the WAR.
 */
package dev.herald.client;
