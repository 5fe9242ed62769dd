package io.patchflow.deployment.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The Ansible back end's health runs the real {@code ansible-playbook} (.ci/run installs Debian's ansible). */
class AnsibleHealthTest {

    @Test
    void upWhenAnsiblePlaybookAnswersItsVersion() {
        Health health = new AnsibleHealth("ansible-playbook", Clock.systemUTC()).health();
        assertThat(health.getStatus()).as("ansible-playbook must be installed (apt-get install ansible): %s",
                health.getDetails()).isEqualTo(Status.UP);
        assertThat(String.valueOf(health.getDetails().get("version"))).startsWith("ansible-playbook");
    }

    @Test
    void downAndNamingTheCommandWhenItCannotBeStarted() {
        Health health = new AnsibleHealth("/nonexistent/ansible-playbook", Clock.systemUTC()).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(String.valueOf(health.getDetails().get("error")))
                .contains("cannot start /nonexistent/ansible-playbook");
    }

    @Test
    void downWhenTheCommandFails() {
        Health health = new AnsibleHealth("false", Clock.systemUTC()).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(String.valueOf(health.getDetails().get("error"))).contains("exited with 1");
    }
}
