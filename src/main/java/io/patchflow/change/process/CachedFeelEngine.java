package io.patchflow.change.process;

import camundajar.impl.scala.collection.Iterator;
import camundajar.impl.scala.collection.immutable.List;
import camundajar.impl.scala.collection.immutable.Nil$;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.control.NonFatal$;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.api.EvaluationFailure;
import org.camunda.feel.api.EvaluationFailureType;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FailedEvaluationResult;
import org.camunda.feel.api.FailedEvaluationResult$;
import org.camunda.feel.api.SuccessfulEvaluationResult;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.impl.interpreter.BuiltinFunctions;
import org.camunda.feel.impl.interpreter.EvalContext;
import org.camunda.feel.impl.interpreter.FeelInterpreter;
import org.camunda.feel.impl.parser.ExpressionValidator;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.syntaxtree.ValError;
import org.camunda.feel.syntaxtree.ValFatalError;
import org.camunda.feel.valuemapper.ValueMapper;

/**
 * feel-scala's engine, configured as Camunda configures it, that parses each expression text once and builds its
 * builtin functions once. feel-engine 1.19.3 does both on every {@code evalExpression}/{@code evalUnaryTests}:
 * it parses the text again, and its private {@code rootContext()} constructs {@code BuiltinFunctions} (a map of
 * some 150 function values) per evaluation, together most of the DMN CPU time in the lifecycle benchmark.
 * <p>
 * Only {@code parseExpression}, {@code parseUnaryTests} and {@code evaluate} are overridden; the engine's own
 * {@code evalExpression}/{@code evalUnaryTests} call them. {@link #evaluate} repeats feel-engine 1.19.3's
 * {@code evaluate}/{@code eval} (validation, messages, assertion failures) with one difference: the root context
 * gets a fresh failure collector per evaluation, as before, but shares the function provider built in the
 * constructor. That is sound because {@code BuiltinFunctions} holds an immutable map and the clock, and the
 * failure collector is the root context's only mutable part. {@code CachedFeelEngineTest} pins this against
 * Camunda's default engine, so a feel-engine upgrade that changes it fails there.
 */
class CachedFeelEngine extends FeelEngine {

    /** Distinct texts kept per kind; the deployed tables have under 200. */
    static final int PARSED_TEXTS_KEPT = 4096;

    private static final List<EvaluationFailure> NO_FAILURES = FailedEvaluationResult$.MODULE$.apply$default$2();

    private final ParsedExpressionCache expressions = new ParsedExpressionCache(PARSED_TEXTS_KEPT);
    private final ParsedExpressionCache unaryTests = new ParsedExpressionCache(PARSED_TEXTS_KEPT);
    private final FunctionProvider builtinAndCustomFunctions;
    private final FeelInterpreter interpreter;
    private final ExpressionValidator validator;

    /** As {@code ScalaFeelEngine#buildFeelEngine} builds it: no external (Java) functions, the system clock. */
    CachedFeelEngine(FunctionProvider customFunctions, ValueMapper valueMapper) {
        super(customFunctions, valueMapper, new FeelEngine.Configuration(false), FeelEngine.defaultClock());
        List<FunctionProvider> providers = Nil$.MODULE$.$colon$colon(customFunctions)
                .$colon$colon(new BuiltinFunctions(clock(), valueMapper));
        this.builtinAndCustomFunctions = new FunctionProvider.CompositeFunctionProvider(providers);
        this.interpreter = new FeelInterpreter(valueMapper);
        this.validator = new ExpressionValidator(configuration().externalFunctionsEnabled());
    }

    @Override
    public Either<Failure, ParsedExpression> parseExpression(String expression) {
        return expressions.get(expression, super::parseExpression);
    }

    @Override
    public Either<Failure, ParsedExpression> parseUnaryTests(String expression) {
        return unaryTests.get(expression, super::parseUnaryTests);
    }

    @Override
    public EvaluationResult evaluate(ParsedExpression expression, Context context) {
        try {
            var invalid = validator.validateExpression(expression.expression());
            if (invalid.isDefined()) {
                return failed("validation of expression '" + expression.text() + "' failed: "
                        + invalid.get().message(), NO_FAILURES);
            }
            EvalContext evalContext = EvalContext.create(valueMapper(), builtinAndCustomFunctions).merge(context);
            return result(expression, interpreter.eval(expression.expression(), evalContext), evalContext);
        } catch (Throwable e) {
            if (!NonFatal$.MODULE$.apply(e)) {
                throw e;
            }
            return failed("failed to evaluate expression '" + expression.text() + "' : " + e, NO_FAILURES);
        }
    }

    private EvaluationResult result(ParsedExpression expression, Val value, EvalContext context) {
        List<EvaluationFailure> failures = context.failureCollector().failures();
        for (Iterator<EvaluationFailure> it = failures.iterator(); it.hasNext(); ) {
            EvaluationFailure failure = it.next();
            if (EvaluationFailureType.ASSERT_FAILURE$.MODULE$.equals(failure.failureType())) {
                return failed("Assertion failure on evaluate the expression '" + expression.text() + "': "
                        + failure.failureMessage(), failures);
            }
        }
        if (value instanceof ValError error) {
            return failed("failed to evaluate expression '" + expression.text() + "': " + error.error(), failures);
        }
        if (value instanceof ValFatalError error) {
            return failed("failed to evaluate expression '" + expression.text() + "': " + error.error(), failures);
        }
        return new SuccessfulEvaluationResult(valueMapper().unpackVal(value), failures);
    }

    private static EvaluationResult failed(String message, List<EvaluationFailure> failures) {
        return new FailedEvaluationResult(new Failure(message), failures);
    }

    int parsedTexts() {
        return expressions.size() + unaryTests.size();
    }
}
