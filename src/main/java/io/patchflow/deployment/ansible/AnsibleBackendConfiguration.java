package io.patchflow.deployment.ansible;

import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.InventoryImport;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Ansible back end's parts, only when {@code patchflow.deployment.backend=ansible} selects it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "patchflow.deployment.backend", havingValue = "ansible")
class AnsibleBackendConfiguration {

    @Bean
    AnsibleHealth deploymentBackendHealthIndicator(AnsibleProperties properties) {
        return new AnsibleHealth(properties.command(), Clock.systemUTC());
    }

    @Bean
    PlaybookRunner playbookRunner() {
        return new PlaybookRunner();
    }

    @Bean
    AnsibleRuns ansibleRuns(AnsibleProperties properties, PlaybookRunner runner, ApplicationEventPublisher events) {
        return new AnsibleRuns(properties, runner, events);
    }

    @Bean
    PackageFactsRefresh packageFactsRefresh(Fleet fleet, InventoryImport inventory, AnsibleRuns runs,
            AnsibleProperties properties) {
        return new PackageFactsRefresh(fleet, inventory, runs, properties);
    }

    @Bean
    AnsibleDeploymentBackend ansibleDeploymentBackend(Fleet fleet, AnsibleProperties properties, AnsibleRuns runs,
            PlaybookRunner runner, PackageFactsRefresh refresh) {
        return new AnsibleDeploymentBackend(fleet, properties, runs, runner, refresh);
    }
}
