package dev.herald.support.arquillian;

import java.util.Comparator;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.ClassDescriptor;

import dev.herald.support.HeraldIT;

/**
 * Runs the test classes that deploy the suite's common WAR ({@link HeraldIT}) one after the other, so that on Payara
 * they share one server ({@link SharedPayaraDeployment}); then the others, by name. Within the group the hostile
 * clients' classes come last: they fill the budgets the others would then start from.
 */
public class SharedDeploymentsFirst implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparingInt((ClassDescriptor test) -> rank(test.getTestClass()))
                .thenComparing(test -> test.getTestClass().getName()));
    }

    private static int rank(Class<?> test) {
        if (!HeraldIT.class.isAssignableFrom(test)) {
            return 2;
        }
        return test.getPackageName().endsWith(".hostile") ? 1 : 0;
    }
}
