package io.patchflow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The last lines of the start-up log: where everything is, so a new user knows what to open. */
@Component
class StartupBanner {

    private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

    private final boolean demo;

    StartupBanner(@Value("${patchflow.demo.enabled:false}") boolean demo) {
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void onReady(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : 8080;
        String base = "http://localhost:" + port;
        log.info("Patchflow is ready.");
        log.info("  Tasklist:  {}/camunda/app/tasklist/", base);
        log.info("  Cockpit:   {}/camunda/app/cockpit/", base);
        log.info("  API docs:  {}/swagger-ui.html (OpenAPI: {}/v3/api-docs)", base, base);
        log.info("  Health:    {}/actuator/health", base);
        if (demo) {
            log.info("  Demo users (password = user name): alice (requester, operator), bob (tester), carol and dave "
                    + "(CAB), erin (ECAB, change manager), frank (compliance officer), admin (administrator)");
            log.info("  Try: log into Tasklist as bob and sign off the waiting test; then carol and dave vote.");
        }
    }
}
