package io.patchflow.audit.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Seals the chain every {@code patchflow.audit.checkpoint-interval} (default one hour). */
@Configuration(proxyBeanMethods = false)
class CheckpointSchedule implements SchedulingConfigurer {

    private final CheckpointSealer sealer;
    private final AuditProperties properties;

    CheckpointSchedule(CheckpointSealer sealer, AuditProperties properties) {
        this.sealer = sealer;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(sealer::seal, properties.checkpointInterval(),
                properties.checkpointInterval()));
    }
}
