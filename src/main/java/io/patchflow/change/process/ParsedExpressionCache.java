package io.patchflow.change.process;

import camundajar.impl.scala.util.Either;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * Parse results by expression text, failures included (parsing is a pure function of the text). Bounded: when it
 * holds {@code capacity} texts it starts again empty, which only costs a re-parse; deployed tables have a few
 * hundred distinct texts, so in practice it fills once and stays.
 */
final class ParsedExpressionCache {

    private final int capacity;
    private final Map<String, Either<Failure, ParsedExpression>> parsed = new ConcurrentHashMap<>();

    ParsedExpressionCache(int capacity) {
        this.capacity = capacity;
    }

    Either<Failure, ParsedExpression> get(String text, Function<String, Either<Failure, ParsedExpression>> parser) {
        if (text == null) {
            return parser.apply(null); // the parser's own error; a ConcurrentHashMap takes no null key
        }
        Either<Failure, ParsedExpression> cached = parsed.get(text);
        if (cached != null) {
            return cached;
        }
        Either<Failure, ParsedExpression> result = parser.apply(text); // outside the map's locks; a race parses twice
        if (parsed.size() >= capacity) {
            parsed.clear();
        }
        parsed.putIfAbsent(text, result);
        return result;
    }

    int size() {
        return parsed.size();
    }
}
