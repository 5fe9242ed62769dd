package io.patchflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.patchflow.testsupport.PostgresIntegrationTest;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Guessing a password over the embedded default's HTTP Basic: after five failures of one user name within five
 * minutes, that name is refused with 429 and Retry-After, even with the right password, without the password being
 * checked; other users carry on; the throttling is audited.
 */
class BasicAuthThrottleIntegrationTest extends PostgresIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcClient jdbc;

    @Test
    void fiveWrongPasswordsThrottleTheNameWith429EvenForTheRightPassword() throws Exception {
        String name = "guess-" + UUID.randomUUID().toString().substring(0, 8);
        User user = identity.newUser(name);
        user.setPassword("correct horse");
        identity.saveUser(user);
        identity.createMembership(name, Roles.CAB);
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(status(name, "guess " + i).getStatus()).as("guess " + i).isEqualTo(401);
            }
            MockHttpServletResponse throttled = status(name, "correct horse");
            assertThat(throttled.getStatus()).isEqualTo(429);
            assertThat(throttled.getContentType()).isEqualTo("application/problem+json");
            assertThat(throttled.getContentAsString()).contains("Too many failed logins", name);
            assertThat(Long.parseLong(throttled.getHeader("Retry-After"))).isBetween(1L, 300L);

            assertThat(status("frank", "frank").getStatus()).as("another user is not affected").isEqualTo(200);
            assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE kind = 'security.login-throttled' "
                    + "AND actor = 'policy:login-throttle' AND inputs LIKE :user").param("user", "%" + name + "%")
                    .query(Long.class).single()).as("the throttling is on the audit record, once").isEqualTo(1);
        } finally {
            identity.deleteUser(name);
        }
    }

    private MockHttpServletResponse status(String user, String password) throws Exception {
        return mvc.perform(get("/api/v1/changes?size=1").with(httpBasic(user, password))).andReturn().getResponse();
    }
}
