package dev.tarjama.spark;

import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import scala.Tuple3;
import scala.collection.immutable.Seq;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * {@code spark.sql.extensions=dev.tarjama.spark.TarjamaSparkExtensions}: registers the SQL
 * functions {@code tarjama_translate}, {@code tarjama_translate_struct} and {@code tarjama_summarize}
 * (docs/spark-api.md), the analysis rule that moves their calls into batch-evaluating plan nodes,
 * the optimizer rule that keeps filters below those nodes, and their physical planning.
 */
public final class TarjamaSparkExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

    @Override
    public BoxedUnit apply(SparkSessionExtensions extensions) {
        for (TarjamaFunction function : TarjamaFunction.values()) {
            ExpressionInfo info = new ExpressionInfo(TarjamaCall.class.getName(), null, function.sqlName(),
                    function.usage(), "");
            extensions.injectFunction(new Tuple3<>(new FunctionIdentifier(function.sqlName()), info,
                    new AbstractFunction1<Seq<Expression>, Expression>() {
                        @Override
                        public Expression apply(Seq<Expression> arguments) {
                            TarjamaCall call = TarjamaCall.of(function, Scala.list(arguments));
                            call.checkArguments();
                            return call;
                        }
                    }));
        }
        extensions.injectPostHocResolutionRule(session -> new ExtractTarjamaCalls());
        extensions.injectOptimizerRule(session -> new PushFiltersBelowTarjama());
        extensions.injectPlannerStrategy(TarjamaStrategy::new);
        return BoxedUnit.UNIT;
    }
}
