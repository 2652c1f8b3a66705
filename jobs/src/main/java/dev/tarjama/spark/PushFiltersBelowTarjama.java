package dev.tarjama.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.And;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.rules.Rule;

/**
 * Optimizer rule: a filter above a {@link TarjamaEval} whose conditions do not read the results
 * moves below it, so that only the rows that pass are translated (Spark pushes filters through
 * the operators it knows, not through this one).
 */
public final class PushFiltersBelowTarjama extends Rule<LogicalPlan> {

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        LogicalPlan current = Scala.withChildren(plan, this::apply);
        if (!(current instanceof Filter filter) || !(filter.child() instanceof TarjamaEval eval)) {
            return current;
        }
        List<Expression> below = new ArrayList<>();
        List<Expression> above = new ArrayList<>();
        for (Expression condition : conjuncts(filter.condition())) {
            boolean pushable = condition.deterministic() && condition.references().subsetOf(eval.child().outputSet());
            (pushable ? below : above).add(condition);
        }
        if (below.isEmpty()) {
            return current;
        }
        LogicalPlan pushed = eval.withNewChildren(Scala.seq(new Filter(and(below), eval.child())));
        return above.isEmpty() ? pushed : new Filter(and(above), pushed);
    }

    private static List<Expression> conjuncts(Expression e) {
        if (e instanceof And and) {
            List<Expression> out = new ArrayList<>(conjuncts(and.left()));
            out.addAll(conjuncts(and.right()));
            return out;
        }
        return List.of(e);
    }

    private static Expression and(List<Expression> conditions) {
        Expression all = conditions.get(0);
        for (int i = 1; i < conditions.size(); i++) {
            all = new And(all, conditions.get(i));
        }
        return all;
    }
}
