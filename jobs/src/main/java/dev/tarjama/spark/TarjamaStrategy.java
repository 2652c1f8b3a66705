package dev.tarjama.spark;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.SparkStrategy;
import scala.collection.immutable.Seq;

/**
 * Plans {@link TarjamaEval} as {@link TarjamaEvalExec}, with the settings of the session's
 * {@code spark.tarjama.*} configuration at planning time (so {@code SET spark.tarjama.…} in SQL
 * applies to the next query).
 */
final class TarjamaStrategy extends SparkStrategy {
    private final SparkSession session;

    TarjamaStrategy(SparkSession session) {
        this.session = session;
    }

    @Override
    public Seq<SparkPlan> apply(LogicalPlan plan) {
        if (!(plan instanceof TarjamaEval eval)) {
            return Scala.seq();
        }
        TarjamaSettings settings = TarjamaSettings.of(TarjamaSettings.config(session), TarjamaSettings.taskCpus(session));
        return Scala.<SparkPlan>seq(new TarjamaEvalExec(eval.calls(), eval.resultAttrs(), planLater(eval.child()),
                settings));
    }
}
