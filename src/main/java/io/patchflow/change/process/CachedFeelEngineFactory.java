package io.patchflow.change.process;

import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.juel.FeelEngineFactoryImpl;

/**
 * Creates {@link CachedScalaFeelEngine} where {@code DefaultDmnEngineConfiguration} would create Camunda's
 * {@code ScalaFeelEngine}. It reads the configuration when the DMN engine is built, after the process engine has
 * handed over its custom function providers and legacy flag, and honours both as the default would.
 */
class CachedFeelEngineFactory implements FeelEngineFactory {

    private final DefaultDmnEngineConfiguration configuration;

    CachedFeelEngineFactory(DefaultDmnEngineConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public FeelEngine createInstance() {
        if (configuration.isEnableFeelLegacyBehavior()) {
            return new FeelEngineFactoryImpl().createInstance();
        }
        return new CachedScalaFeelEngine(configuration.getFeelCustomFunctionProviders());
    }
}
