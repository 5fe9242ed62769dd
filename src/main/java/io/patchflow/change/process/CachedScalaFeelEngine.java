package io.patchflow.change.process;

import java.util.List;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.valuemapper.ValueMapper.CompositeValueMapper;

/**
 * Camunda's FEEL engine for the DMN engine, unchanged (variable contexts, value mappers with Spin, custom function
 * providers, error translation), with {@link CachedFeelEngine} underneath instead of a plain feel-scala engine.
 */
class CachedScalaFeelEngine extends ScalaFeelEngine {

    CachedScalaFeelEngine(List<FeelCustomFunctionProvider> customFunctionProviders) {
        super(customFunctionProviders);
    }

    @Override
    protected FeelEngine buildFeelEngine(CustomFunctionTransformer customFunctions, CompositeValueMapper valueMapper) {
        return new CachedFeelEngine(customFunctions, valueMapper);
    }

    CachedFeelEngine feelScalaEngine() {
        return (CachedFeelEngine) feelEngine;
    }
}
