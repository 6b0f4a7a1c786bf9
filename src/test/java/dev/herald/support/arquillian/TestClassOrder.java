package dev.herald.support.arquillian;

import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import dev.herald.support.HeraldIT;

/**
 * The order of the integration test classes. Those that deploy the suite's common WAR ({@link HeraldIT}) run one
 * after the other, so that on Payara they share one server ({@link SharedPayaraDeployment}), the hostile clients'
 * classes last among them (they fill the budgets the others would start from); then the others, by name.
 * <p>
 * The multi-node tests ({@code dev.herald.cluster}: two servers, nginx and Redis each) come first in the Payara
 * run and last in the Open Liberty run: the test command runs both side by side ({@code .ci/run suites}), and
 * those tests overlapping on two cores took three times as long.
 */
public class TestClassOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        boolean payara = "payara".equals(System.getProperty("herald.server"));
        context.getClassDescriptors().sort(Comparator
                .comparingInt((ClassDescriptor test) -> rank(test.getTestClass(), payara))
                .thenComparing(test -> test.getTestClass().getName()));
    }

    private static int rank(Class<?> test, boolean payara) {
        if (test.getPackageName().endsWith(".cluster")) {
            return payara ? -1 : 3;
        }
        if (!HeraldIT.class.isAssignableFrom(test)) {
            return 2;
        }
        return test.getPackageName().endsWith(".hostile") ? 1 : 0;
    }
}
