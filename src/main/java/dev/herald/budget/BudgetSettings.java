package dev.herald.budget;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import dev.herald.config.Setting;
import dev.herald.config.Settings;

/**
 * The budgets' own setting (how full a heap is too full), read and checked once, at start-up. The budgets' sizes
 * (history, queues, streams) are the engine's settings ({@code topic.TopicSettings}), which sizes them.
 */
@ApplicationScoped
public class BudgetSettings {

    static final Setting HEAP_FULL_RATIO = Setting.of("herald.memory.heap-full-ratio", "0.9");

    private double heapFullRatio;

    protected BudgetSettings() {
        // for the CDI proxy
    }

    @Inject
    public BudgetSettings(Config config) {
        this(Settings.of(config).decimal(HEAP_FULL_RATIO));
    }

    /** For tests: the settings with this ratio. */
    public BudgetSettings(double heapFullRatio) {
        if (!(heapFullRatio > 0 && heapFullRatio <= 1)) {
            throw new IllegalArgumentException(HEAP_FULL_RATIO + " must be above 0 and at most 1, was "
                    + heapFullRatio);
        }
        this.heapFullRatio = heapFullRatio;
    }

    void check(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // constructing the bean checked the settings: a bad one stops the deployment
    }

    /** Above this share of the heap still in use after a collection, the heap counts as full. */
    double heapFullRatio() {
        return heapFullRatio;
    }
}
