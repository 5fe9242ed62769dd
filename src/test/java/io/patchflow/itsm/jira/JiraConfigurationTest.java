package io.patchflow.itsm.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchflow.itsm.TicketSystem;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Jira is chosen by configuration, and the service refuses to start with Jira chosen but not configured. */
class JiraConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(JiraProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class))
            .withUserConfiguration(Properties.class, JiraConfiguration.class);

    private static final String[] CLOUD = {"patchflow.itsm.system=jira",
        "patchflow.itsm.jira.base-url=https://example.atlassian.net", "patchflow.itsm.jira.project-key=CHG",
        "patchflow.itsm.jira.patchflow-url=https://patchflow.example.com",
        "patchflow.itsm.jira.email=patchflow@example.com", "patchflow.itsm.jira.webhook.secret=s3cret-s3cret"};

    @Test
    void withoutJiraChosenThereIsNoJiraTicketSystem() {
        context.run(app -> assertThat(app).doesNotHaveBean(TicketSystem.class));
    }

    @Test
    void refusesToStartWithJiraChosenButTheApiTokenMissingNamingTheVariable() {
        context.withPropertyValues(CLOUD).run(app -> assertThat(app).hasFailed().getFailure()
                .rootCause().hasMessageContaining("PATCHFLOW_ITSM_JIRA_API_TOKEN")
                .hasMessageContaining("patchflow.itsm.jira.api-token"));
    }

    @Test
    void refusesToStartWithDataCenterChosenButNoPersonalAccessToken() {
        context.withPropertyValues(CLOUD).withPropertyValues("patchflow.itsm.jira.flavour=data-center",
                "patchflow.itsm.jira.api-token=irrelevant").run(app -> assertThat(app).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("PATCHFLOW_ITSM_JIRA_PERSONAL_ACCESS_TOKEN"));
    }

    @Test
    void refusesToStartWithoutTheWebhookSecret() {
        context.withPropertyValues(CLOUD).withPropertyValues("patchflow.itsm.jira.api-token=token",
                "patchflow.itsm.jira.webhook.secret=").run(app -> assertThat(app).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("PATCHFLOW_ITSM_JIRA_WEBHOOK_SECRET"));
    }

    @Test
    void startsWithCompleteCloudSettings() {
        context.withPropertyValues(CLOUD).withPropertyValues("patchflow.itsm.jira.api-token=token")
                .run(app -> assertThat(app).hasNotFailed().getBean(TicketSystem.class)
                        .isInstanceOf(JiraTicketSystem.class));
    }
}
