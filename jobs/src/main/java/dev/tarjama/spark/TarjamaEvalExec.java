package dev.tarjama.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeSet;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.types.DataType;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;

/**
 * Physical plan of {@link TarjamaEval}: a map over its child's partitions ({@link EvalPartition})
 * that translates micro-batches of rows with one model call each, the models loaded once per
 * executor JVM ({@code ModelCache}), counted in the application's {@link TarjamaMetrics}.
 */
public final class TarjamaEvalExec extends SparkPlan {
    private final Seq<Expression> calls;
    private final Seq<Attribute> resultAttrs;
    private final SparkPlan child;
    private final TarjamaSettings settings;

    public TarjamaEvalExec(Seq<Expression> calls, Seq<Attribute> resultAttrs, SparkPlan child,
            TarjamaSettings settings) {
        this.calls = calls;
        this.resultAttrs = resultAttrs;
        this.child = child;
        this.settings = settings;
    }

    @Override
    public RDD<InternalRow> doExecute() {
        List<TarjamaCall> list = new ArrayList<>();
        for (Expression call : Scala.list(calls)) {
            list.add((TarjamaCall) call);
        }
        DataType[] types = Scala.list(output()).stream().map(Attribute::dataType).toArray(DataType[]::new);
        EvalPartition partition = new EvalPartition(settings, TarjamaMetrics.of(sparkContext()), child.output(), list,
                types);
        return child.execute().toJavaRDD().mapPartitions(partition).rdd();
    }

    @Override
    public Seq<Attribute> output() {
        return Scala.concat(child.output(), resultAttrs);
    }

    @Override
    public AttributeSet producedAttributes() {
        return AttributeSet.apply(Scala.seq(new ArrayList<Expression>(Scala.list(resultAttrs))));
    }

    /** The plan string shows the calls and their columns; the settings are too long for it. */
    @Override
    public scala.collection.Iterator<Object> stringArgs() {
        return Scala.<Object>seq(calls, resultAttrs).iterator();
    }

    @Override
    public Seq<SparkPlan> children() {
        return Scala.seq(child);
    }

    @Override
    public SparkPlan withNewChildrenInternal(IndexedSeq<SparkPlan> newChildren) {
        return new TarjamaEvalExec(calls, resultAttrs, newChildren.apply(0), settings);
    }

    @Override
    public int productArity() {
        return 4;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 0 -> calls;
            case 1 -> resultAttrs;
            case 2 -> child;
            case 3 -> settings;
            default -> throw new IndexOutOfBoundsException(n);
        };
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof TarjamaEvalExec;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TarjamaEvalExec e && e.calls.equals(calls) && e.resultAttrs.equals(resultAttrs)
                && e.child.equals(child) && e.settings.equals(settings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(calls, resultAttrs, child);
    }
}
