package io.patchflow.security.keycloak;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Stops a start in the {@code keycloak} profile before any bean is made (no database, no engine) when the client
 * secret or the issuer is missing, and names the variable to set. There are no defaults to fall back on: a secret in
 * the repository is no secret.
 */
class KeycloakStartupCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        require("patchflow.keycloak.issuer-uri", KeycloakProperties.ISSUER_VARIABLE,
                "the URL of the Keycloak realm, e.g. https://sso.example.com/realms/patchflow");
        require("patchflow.keycloak.client-secret", KeycloakProperties.SECRET_VARIABLE,
                "the secret of the Keycloak client '" + environment.getProperty("patchflow.keycloak.client-id",
                        "patchflow") + "' (Keycloak admin console: Clients > patchflow > Credentials)");
    }

    private void require(String property, String variable, String what) {
        String value = environment.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The keycloak profile needs " + what + ": set the environment variable "
                    + variable + " (property " + property + "). Patchflow does not start without it.");
        }
    }
}
