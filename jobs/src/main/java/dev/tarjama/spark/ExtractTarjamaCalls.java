package dev.tarjama.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.rules.Rule;
import org.apache.spark.sql.types.Metadata;

/**
 * Analysis rule (post-hoc resolution) that takes every {@link TarjamaCall} out of the operator
 * that holds it and into a {@link TarjamaEval} below that operator, which appends the results as
 * columns; the operator then reads the column. Spark's {@code ExtractPythonUDFs} does the same
 * for Python UDFs, but after optimization; this runs before it, so that the optimizer sees a
 * column and never copies a call (pushing a filter on a translation below its projection would
 * translate twice). Calls nested in calls are taken out innermost first, one node per level.
 */
public final class ExtractTarjamaCalls extends Rule<LogicalPlan> {

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        LogicalPlan current = Scala.withChildren(plan, this::apply);
        return current instanceof TarjamaEval ? current : extract(current);
    }

    private static LogicalPlan extract(LogicalPlan plan) {
        Map<Expression, TarjamaCall> innermost = new LinkedHashMap<>(); // canonical form -> call
        for (Expression e : Scala.list(plan.expressions())) {
            collectInnermost(e, innermost);
        }
        if (innermost.isEmpty()) {
            return plan;
        }
        Map<Expression, Attribute> results = new LinkedHashMap<>();
        List<LogicalPlan> children = new ArrayList<>();
        for (LogicalPlan child : Scala.list(plan.children())) {
            List<Expression> calls = new ArrayList<>();
            List<Attribute> attrs = new ArrayList<>();
            for (Map.Entry<Expression, TarjamaCall> entry : innermost.entrySet()) {
                TarjamaCall call = entry.getValue();
                if (!results.containsKey(entry.getKey()) && call.references().subsetOf(child.outputSet())) {
                    call.checkArguments();
                    Attribute attr = new AttributeReference(call.prettyName(), call.dataType(), call.nullable(),
                            Metadata.empty(), NamedExpression.newExprId(), Scala.seq());
                    calls.add(call);
                    attrs.add(attr);
                    results.put(entry.getKey(), attr);
                }
            }
            children.add(calls.isEmpty() ? child : new TarjamaEval(Scala.seq(calls), Scala.seq(attrs), child));
        }
        for (Map.Entry<Expression, TarjamaCall> entry : innermost.entrySet()) {
            if (!results.containsKey(entry.getKey())) {
                throw new IllegalArgumentException(entry.getValue().sql() + " uses columns of more than one input of "
                        + plan.nodeName() + "; compute it in a subquery over one input first");
            }
        }
        LogicalPlan withInputs = plan.withNewChildren(Scala.seq(children));
        LogicalPlan rewritten = withInputs.mapExpressions(new scala.runtime.AbstractFunction1<Expression, Expression>() {
            @Override
            public Expression apply(Expression e) {
                return replace(e, results);
            }
        });
        LogicalPlan next = extract(rewritten); // calls that had calls inside them
        if (!next.output().equals(plan.output())) {
            // The operator passed its child's columns through (e.g. a filter): drop the result columns again.
            return new Project(Scala.seq(new ArrayList<NamedExpression>(Scala.list(plan.output()))), next);
        }
        return next;
    }

    /** The calls of {@code e} that have no call among their arguments, keyed by canonical form. */
    private static void collectInnermost(Expression e, Map<Expression, TarjamaCall> out) {
        boolean inner = false;
        for (Expression child : Scala.list(e.children())) {
            inner |= contains(child);
            collectInnermost(child, out);
        }
        if (e instanceof TarjamaCall call && !inner) {
            out.putIfAbsent(call.canonicalized(), call);
        }
    }

    private static boolean contains(Expression e) {
        if (e instanceof TarjamaCall) {
            return true;
        }
        for (Expression child : Scala.list(e.children())) {
            if (contains(child)) {
                return true;
            }
        }
        return false;
    }

    private static Expression replace(Expression e, Map<Expression, Attribute> results) {
        if (e instanceof TarjamaCall call) {
            Attribute attr = results.get(call.canonicalized());
            if (attr != null) {
                return attr;
            }
        }
        List<Expression> children = Scala.list(e.children());
        List<Expression> replaced = new ArrayList<>(children.size());
        boolean changed = false;
        for (Expression child : children) {
            Expression r = replace(child, results);
            changed |= r != child;
            replaced.add(r);
        }
        return changed ? e.withNewChildren(Scala.seq(replaced)) : e;
    }
}
