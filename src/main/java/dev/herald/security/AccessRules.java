package dev.herald.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What anyone may do without a token: {@code herald.auth.public-topics} (subscribe) and
 * {@code herald.auth.anonymous-publish} (publish). Both empty by default: a production server shows no topic and
 * takes no event without a token.
 */
@ApplicationScoped
public class AccessRules {

    private Grants anyone;

    protected AccessRules() {
        // for the CDI proxy
    }

    @Inject
    public AccessRules(@ConfigProperty(name = "herald.auth.public-topics") Optional<String> publicTopics,
                       @ConfigProperty(name = "herald.auth.anonymous-publish") Optional<String> anonymousPublish) {
        this.anyone = new Grants(TopicPatterns.parse(publicTopics.orElse(null)),
                TopicPatterns.parse(anonymousPublish.orElse(null)));
    }

    /** What a request without credentials may do. */
    public Grants anyone() {
        return anyone;
    }
}
