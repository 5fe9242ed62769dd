package io.patchflow.shared.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class LogFormatTest {

    private final LogFormat format = new LogFormat();

    @Test
    void plainTextIsTheDefault() {
        MockEnvironment environment = new MockEnvironment();
        format.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("logging.structured.format.console")).isNull();
        assertThat(environment.getProperty("spring.main.banner-mode")).isNull();
    }

    @Test
    void jsonMeansElasticCommonSchemaWithoutTheBanner() {
        MockEnvironment environment = new MockEnvironment().withProperty("patchflow.log.format", "JSON");
        format.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(environment.getProperty("spring.main.banner-mode")).isEqualTo("off");
    }

    @Test
    void logstashAndGelfAreChosenByName() {
        for (String name : new String[] {"logstash", "gelf", "ecs"}) {
            MockEnvironment environment = new MockEnvironment().withProperty("patchflow.log.format", name);
            format.postProcessEnvironment(environment, new SpringApplication());
            assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo(name);
        }
    }

    @Test
    void anUnknownFormatStopsTheStartAndNamesTheValidOnes() {
        MockEnvironment environment = new MockEnvironment().withProperty("patchflow.log.format", "xml");
        assertThatThrownBy(() -> format.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PATCHFLOW_LOG_FORMAT")
                .hasMessageContaining("'xml'")
                .hasMessageContaining("text (the default), json, ecs, logstash or gelf");
    }
}
