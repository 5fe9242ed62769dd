package io.patchflow.security.keycloak;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchflow.PatchflowApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The keycloak profile refuses to start without its issuer or its client secret, before it touches a database, and
 * names the environment variable to set. No Keycloak is needed for that.
 */
class KeycloakStartupCheckTest {

    @Test
    void withoutTheClientSecretTheServiceRefusesToStartAndNamesTheVariable() {
        assertThatThrownBy(() -> start("--patchflow.keycloak.issuer-uri=http://localhost:1/realms/patchflow"))
                .hasStackTraceContaining("PATCHFLOW_KEYCLOAK_CLIENT_SECRET")
                .hasStackTraceContaining("does not start without it");
    }

    @Test
    void withoutTheIssuerTheServiceRefusesToStartAndNamesTheVariable() {
        assertThatThrownBy(() -> start("--patchflow.keycloak.client-secret=s3cret"))
                .hasStackTraceContaining("PATCHFLOW_KEYCLOAK_ISSUER");
    }

    @Test
    void anEmptySecretCountsAsNone() {
        assertThatThrownBy(() -> start("--patchflow.keycloak.issuer-uri=http://localhost:1/realms/patchflow",
                "--patchflow.keycloak.client-secret= "))
                .hasStackTraceContaining("PATCHFLOW_KEYCLOAK_CLIENT_SECRET");
    }

    private static void start(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--spring.profiles.active=keycloak";
        all[1] = "--server.port=0";
        // Would the check come too late, the start would fail on this database instead, without the variable's name.
        all[2] = "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none";
        all[3] = "--spring.main.banner-mode=off";
        System.arraycopy(args, 0, all, 4, args.length);
        new SpringApplicationBuilder(PatchflowApplication.class).run(all).close();
    }
}
