package dev.tarjama.spark;

import java.util.ArrayList;
import java.util.Objects;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeSet;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;

/**
 * Logical plan node that evaluates {@link TarjamaCall}s over its child's rows in micro-batches
 * and appends one result column per call (as Spark's {@code BatchEvalPython} does for Python
 * UDFs). Planned as {@link TarjamaEvalExec} by {@link TarjamaStrategy}.
 *
 * @param calls the calls, each referring to the child's output only
 * @param resultAttrs one new attribute per call, in order
 */
public final class TarjamaEval extends LogicalPlan {
    private final Seq<Expression> calls;
    private final Seq<Attribute> resultAttrs;
    private final LogicalPlan child;

    public TarjamaEval(Seq<Expression> calls, Seq<Attribute> resultAttrs, LogicalPlan child) {
        this.calls = calls;
        this.resultAttrs = resultAttrs;
        this.child = child;
    }

    public Seq<Expression> calls() {
        return calls;
    }

    public Seq<Attribute> resultAttrs() {
        return resultAttrs;
    }

    public LogicalPlan child() {
        return child;
    }

    @Override
    public Seq<Attribute> output() {
        return Scala.concat(child.output(), resultAttrs);
    }

    @Override
    public AttributeSet producedAttributes() {
        return AttributeSet.apply(Scala.<Expression>seq(new ArrayList<>(Scala.list(resultAttrs))));
    }

    @Override
    public Seq<LogicalPlan> children() {
        return Scala.seq(child);
    }

    @Override
    public LogicalPlan withNewChildrenInternal(IndexedSeq<LogicalPlan> newChildren) {
        return new TarjamaEval(calls, resultAttrs, newChildren.apply(0));
    }

    @Override
    public int productArity() {
        return 3;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 0 -> calls;
            case 1 -> resultAttrs;
            case 2 -> child;
            default -> throw new IndexOutOfBoundsException(n);
        };
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof TarjamaEval;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TarjamaEval e && e.calls.equals(calls) && e.resultAttrs.equals(resultAttrs)
                && e.child.equals(child);
    }

    @Override
    public int hashCode() {
        return Objects.hash(calls, resultAttrs, child);
    }
}
