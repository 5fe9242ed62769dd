package io.patchflow.shared.logging;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the console log format from {@code PATCHFLOW_LOG_FORMAT} (property {@code patchflow.log.format}):
 * {@code text} (the default, for people at a terminal), or one JSON object per line for a log collector:
 * {@code json} (Elastic Common Schema), {@code ecs}, {@code logstash} or {@code gelf}. JSON turns Spring Boot's
 * banner off, so that every line of the output is JSON. Runs before the logging system starts, which is why it is
 * an environment post-processor and not a configuration property; an unknown value stops the start with the list
 * of valid ones rather than quietly logging text.
 */
public class LogFormat implements EnvironmentPostProcessor {

    static final String PROPERTY = "patchflow.log.format";

    private static final Map<String, String> STRUCTURED = Map.of("json", "ecs", "ecs", "ecs",
            "logstash", "logstash", "gelf", "gelf");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty(PROPERTY, "text").trim().toLowerCase(Locale.ROOT);
        if (format.isEmpty() || format.equals("text")) {
            return;
        }
        String structured = STRUCTURED.get(format);
        if (structured == null) {
            throw new IllegalArgumentException("PATCHFLOW_LOG_FORMAT (" + PROPERTY + ") is '" + format
                    + "'; use text (the default), json, ecs, logstash or gelf");
        }
        environment.getPropertySources().addFirst(new MapPropertySource("patchflowLogFormat", Map.of(
                "logging.structured.format.console", structured,
                "spring.main.banner-mode", "off")));
    }
}
