package io.patchflow.deployment.ansible;

import io.patchflow.deployment.StopRequests;
import io.patchflow.inventory.Fleet;
import io.patchflow.inventory.InventoryImport;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
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

    /** A cancellation taken by another node reaches this node's runs within {@code patchflow.deployment.ansible.stop-poll}. */
    @Bean
    PlaybookRunner playbookRunner(StopRequests stops,
            @Value("${patchflow.deployment.ansible.stop-poll:5s}") Duration stopPoll) {
        return new PlaybookRunner(stops, stopPoll);
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
