package io.patchflow.change.process;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Gives the process engine's DMN engine {@link CachedFeelEngineFactory}: same decisions, but each FEEL text is
 * parsed once and the builtin functions are built once (see {@link CachedFeelEngine}). The Spring Boot starter
 * applies every {@code ProcessEnginePlugin} bean; it has no property for the FEEL engine.
 */
@Component
class CachedFeelEnginePlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl engine) {
        DefaultDmnEngineConfiguration dmn = engine.getDmnEngineConfiguration();
        if (dmn == null) {
            dmn = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
            engine.setDmnEngineConfiguration(dmn);
        }
        if (dmn.getFeelEngineFactory() == null) {
            dmn.setFeelEngineFactory(new CachedFeelEngineFactory(dmn));
        }
    }
}
