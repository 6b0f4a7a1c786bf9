package dev.herald.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
    public AccessRules(SecuritySettings settings) {
        this.anyone = new Grants(TopicPatterns.parse(settings.publicTopics().orElse(null)),
                TopicPatterns.parse(settings.anonymousPublish().orElse(null)));
    }

    /** What a request without credentials may do. */
    public Grants anyone() {
        return anyone;
    }
}
