package io.patchflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Patchflow: patch approval and change management on an embedded Camunda 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PatchflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(PatchflowApplication.class, args);
    }
}
