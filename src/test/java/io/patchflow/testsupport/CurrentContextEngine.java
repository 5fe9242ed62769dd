package io.patchflow.testsupport;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Makes the engine of the test class's own application context the one Camunda's static registry hands out.
 * Engine REST and the web apps find their engine through {@link ProcessEngines} by name ("default"), not through
 * Spring; a test class with a context of its own (its own schema: the Jira, Ansible lab and Keycloak tests) registers
 * its engine under that name, and closing that context unregisters the name. Without this, the next class on the
 * shared context would reach the other context's engine, or none ("No process engine available").
 */
public class CurrentContextEngine extends AbstractTestExecutionListener {

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void beforeTestClass(TestContext testContext) {
        testContext.getApplicationContext().getBeanProvider(ProcessEngine.class)
                .ifAvailable(ProcessEngines::registerProcessEngine);
    }
}
