package io.patchflow.security;

import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** At start: the role authorizations always, the demo people in the demo profile. Runs before the demo data. */
@Component
class IdentityStartup {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityStartup.class);

    private final RoleAuthorizations authorizations;
    private final DemoIdentity demo;
    private final IdentityService identity;
    private final boolean demoEnabled;

    IdentityStartup(RoleAuthorizations authorizations, DemoIdentity demo, IdentityService identity,
            @Value("${patchflow.demo.enabled:false}") boolean demoEnabled) {
        this.authorizations = authorizations;
        this.demo = demo;
        this.identity = identity;
        this.demoEnabled = demoEnabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void onReady() {
        authorizations.apply();
        if (demoEnabled && identity.isReadOnly()) {
            // Keycloak (or another read-only identity) owns the people: the demo users come from its realm export.
            LOG.info("Demo users not created: the identity provider is read-only (keycloak profile)");
        } else if (demoEnabled) {
            demo.ensure();
        }
    }
}
