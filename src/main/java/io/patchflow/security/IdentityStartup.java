package io.patchflow.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** At start: the role authorizations always, the demo people in the demo profile. Runs before the demo data. */
@Component
class IdentityStartup {

    private final RoleAuthorizations authorizations;
    private final DemoIdentity demo;
    private final boolean demoEnabled;

    IdentityStartup(RoleAuthorizations authorizations, DemoIdentity demo,
            @Value("${patchflow.demo.enabled:false}") boolean demoEnabled) {
        this.authorizations = authorizations;
        this.demo = demo;
        this.demoEnabled = demoEnabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void onReady() {
        authorizations.apply();
        if (demoEnabled) {
            demo.ensure();
        }
    }
}
