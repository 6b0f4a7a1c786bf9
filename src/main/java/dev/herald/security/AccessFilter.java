package dev.herald.security;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import dev.herald.problem.HeraldException;
import dev.herald.problem.ProblemType;
import dev.herald.topic.TopicPolicy;

/**
 * Who may use Herald's resources (those marked {@link Guarded}; any other resource of an application that embeds
 * Herald is left alone). The same on every server: one JAX-RS filter, run after a resource was matched.
 * <p>
 * The caller's credentials, first found wins: {@code Authorization: Bearer <jwt>}; the cookie
 * {@code herald.auth.cookie-name}; for an event stream only, a stream ticket ({@code ?ticket=}, see
 * {@link TicketResource}). None: the caller is anonymous and may do what {@link AccessRules} let anyone do. A JWS
 * in any query or matrix parameter is refused ({@link QueryTokens}); so are two token cookies, two tickets or two
 * {@code Authorization} headers ({@code ambiguous-credentials}). A ticket shown is used up before anything else is
 * checked, whether or not the request is then accepted. The topic name is checked first ({@code invalid-topic},
 * {@code unknown-topic}), then the caller's right to it: {@code unauthorized} without credentials that allow it,
 * {@code forbidden} with credentials that do not. A token's subject becomes the request's principal (JAX-RS
 * {@code SecurityContext}), which per-principal quotas count.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class AccessFilter implements ContainerRequestFilter {

    static final String TICKET_PARAMETER = "ticket";
    private static final String BEARER = "Bearer ";
    private static final int MAX_TICKET_LENGTH = 128;
    private static final int MAX_TICKETS_SPENT = 16;

    @Context
    ResourceInfo resource;

    /** Fields, not the constructor: RESTEasy builds a provider only through a public constructor it can fill. */
    @Inject
    TokenVerifier verifier;

    @Inject
    AccessRules rules;

    @Inject
    Tickets tickets;

    @Inject
    TopicPolicy topics;

    @Inject
    CurrentCaller current;

    @Inject
    SecuritySettings settings;

    @Override
    public void filter(ContainerRequestContext request) {
        Class<?> resourceClass = resource.getResourceClass();
        Guarded guarded = resourceClass == null ? null : resourceClass.getAnnotation(Guarded.class);
        if (guarded == null || HttpMethod.OPTIONS.equals(request.getMethod())) {
            return; // not Herald's; or the runtime's OPTIONS answer (a CORS preflight never gets here), no content
        }
        // Taken first, whatever happens next: a ticket that was shown is spent (it may be in a log now).
        List<String> shownTickets = request.getUriInfo().getQueryParameters().get(TICKET_PARAMETER);
        TicketStore.Ticket redeemed = shownTickets == null ? null : redeemAll(shownTickets);
        String topic = request.getUriInfo().getPathParameters().getFirst("topic");
        if (topic != null) {
            topics.requireKnown(topic); // its name and existence first: they tell nothing about anyone's rights
        }
        if (QueryTokens.inUrl(request.getUriInfo())) {
            throw new HeraldException(ProblemType.TOKEN_IN_QUERY, "A token is never accepted in the URL, where it"
                    + " would be logged: send it as 'Authorization: Bearer', in the cookie, or mint a stream ticket"
                    + " (POST tickets) and pass that.");
        }
        requireUnambiguous(request, shownTickets);
        Caller caller = caller(request, guarded.value(), topic, redeemed);
        if (!caller.may(guarded.value(), topic)) {
            throw caller.authenticated()
                    ? new HeraldException(ProblemType.FORBIDDEN, forbidden(guarded.value()))
                    : new HeraldException(ProblemType.UNAUTHORIZED, unauthorized(guarded.value()));
        }
        current.set(caller);
        if (caller.subject() != null) {
            SecurityContext original = request.getSecurityContext();
            request.setSecurityContext(new CallerSecurityContext(caller.subject(),
                    original != null && original.isSecure()));
        }
    }

    /**
     * Every ticket shown (the first {@value #MAX_TICKETS_SPENT}: with Redis each costs a round trip, and a request
     * with more is refused anyway), taken out of the store; the first that was valid, or null.
     */
    private TicketStore.Ticket redeemAll(List<String> shown) {
        TicketStore.Ticket first = null;
        for (String ticket : shown.subList(0, Math.min(shown.size(), MAX_TICKETS_SPENT))) {
            TicketStore.Ticket taken = ticket == null || ticket.length() > MAX_TICKET_LENGTH ? null
                    : tickets.redeem(ticket).orElse(null);
            first = first == null ? taken : first;
        }
        return first;
    }

    /** One credential of each kind at most: with two, which one is meant is a guess (the last cookie won before). */
    private void requireUnambiguous(ContainerRequestContext request, List<String> shownTickets) {
        List<String> authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if ((authorization != null && authorization.size() > 1) || (shownTickets != null && shownTickets.size() > 1)
                || TokenCookies.count(request.getHeaders().get(HttpHeaders.COOKIE), settings.cookieName()) > 1) {
            throw new HeraldException(ProblemType.AMBIGUOUS_CREDENTIALS, "Send one credential of each kind: one"
                    + " 'Authorization' header, one '" + settings.cookieName() + "' cookie, one stream ticket.");
        }
    }

    private Caller caller(ContainerRequestContext request, Access access, String topic,
                          TicketStore.Ticket redeemed) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw new HeraldException(ProblemType.UNAUTHORIZED, "Only 'Authorization: Bearer <token>' is"
                        + " accepted.");
            }
            return withPublicGrants(verifier.verify(authorization.substring(BEARER.length()).strip()));
        }
        Cookie cookie = request.getCookies().get(settings.cookieName());
        if (cookie != null && cookie.getValue() != null && !cookie.getValue().isBlank()) {
            return withPublicGrants(verifier.verify(cookie.getValue().strip()));
        }
        if (request.getUriInfo().getQueryParameters().containsKey(TICKET_PARAMETER)) {
            return ticketHolder(request, access, topic, redeemed);
        }
        return Caller.anonymous(rules.anyone());
    }

    private Caller withPublicGrants(Caller caller) {
        return new Caller(caller.subject(), caller.grants().and(rules.anyone()), caller.expiresAt());
    }

    /** A ticket opens one event stream of its own topic, once; the stream ends with the token it was minted by. */
    private Caller ticketHolder(ContainerRequestContext request, Access access, String topic,
                                TicketStore.Ticket redeemed) {
        if (access != Access.SUBSCRIBE || !HttpMethod.GET.equals(request.getMethod()) || !wantsStream(request)) {
            throw new HeraldException(ProblemType.UNAUTHORIZED, "A stream ticket opens an event stream only"
                    + " (GET with 'Accept: text/event-stream'); it is used up now.");
        }
        if (redeemed == null) {
            throw new HeraldException(ProblemType.UNAUTHORIZED, "The stream ticket is unknown, used already or"
                    + " expired: mint a new one for each stream.");
        }
        if (!redeemed.topic().equals(topic)) {
            throw new HeraldException(ProblemType.FORBIDDEN, "The stream ticket is for another topic; it is used"
                    + " up now.");
        }
        Grants onlyThisTopic = new Grants(TopicPatterns.of(List.of(topic)), TopicPatterns.NONE);
        return new Caller(redeemed.subject(), onlyThisTopic, redeemed.streamEndsAt());
    }

    private static boolean wantsStream(ContainerRequestContext request) {
        try {
            return request.getAcceptableMediaTypes().stream().anyMatch(type -> !type.isWildcardType()
                    && !type.isWildcardSubtype() && type.isCompatible(MediaType.SERVER_SENT_EVENTS_TYPE));
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    private static String unauthorized(Access access) {
        return switch (access) {
            case SUBSCRIBE -> "This topic is not public: subscribing needs a token that grants it.";
            case PUBLISH -> "Publishing to this topic needs a token that grants it.";
            case AUTHENTICATED -> "This needs a token.";
        };
    }

    private static String forbidden(Access access) {
        return switch (access) {
            case SUBSCRIBE -> "Your token does not grant subscribing to this topic.";
            case PUBLISH -> "Your token does not grant publishing to this topic.";
            case AUTHENTICATED -> "Your credentials do not allow this.";
        };
    }
}
