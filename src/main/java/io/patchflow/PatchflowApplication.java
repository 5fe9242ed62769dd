package io.patchflow;

import io.patchflow.cli.PatchflowCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Patchflow: patch approval and change management on an embedded Camunda 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PatchflowApplication {

    /**
     * Starts the server, unless the first argument names a command of the CLI ({@code assess}, {@code import}, ...):
     * those run without Spring or a database ({@code assess} offline, {@code import} as a client of a running server)
     * and end the process with their exit code.
     */
    public static void main(String[] args) {
        if (PatchflowCli.handles(args)) {
            System.exit(PatchflowCli.run(args, System.out, System.err));
        }
        SpringApplication.run(PatchflowApplication.class, args);
    }
}
