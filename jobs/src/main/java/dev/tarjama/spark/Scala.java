package dev.tarjama.spark;

import java.util.ArrayList;
import java.util.List;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/** Java lists to and from the Scala sequences Catalyst's tree nodes take. */
final class Scala {
    private Scala() {}

    static <T> Seq<T> seq(List<T> list) {
        return CollectionConverters.asScala(new ArrayList<>(list)).toList();
    }

    @SafeVarargs
    static <T> Seq<T> seq(T... items) {
        return seq(List.of(items));
    }

    /** {@code plan} with each child replaced by {@code rewrite} of it; the same node when nothing changed. */
    static org.apache.spark.sql.catalyst.plans.logical.LogicalPlan withChildren(
            org.apache.spark.sql.catalyst.plans.logical.LogicalPlan plan,
            java.util.function.UnaryOperator<org.apache.spark.sql.catalyst.plans.logical.LogicalPlan> rewrite) {
        List<org.apache.spark.sql.catalyst.plans.logical.LogicalPlan> children = list(plan.children());
        List<org.apache.spark.sql.catalyst.plans.logical.LogicalPlan> rewritten = new ArrayList<>(children.size());
        boolean changed = false;
        for (org.apache.spark.sql.catalyst.plans.logical.LogicalPlan child : children) {
            org.apache.spark.sql.catalyst.plans.logical.LogicalPlan c = rewrite.apply(child);
            changed |= c != child;
            rewritten.add(c);
        }
        return changed ? plan.withNewChildren(seq(rewritten)) : plan;
    }

    /** {@code head} followed by {@code tail}: a node's child output and its result columns. */
    static <T> Seq<T> concat(scala.collection.Seq<T> head, scala.collection.Seq<T> tail) {
        List<T> all = list(head);
        all.addAll(list(tail));
        return seq(all);
    }

    static <T> List<T> list(scala.collection.Seq<T> seq) {
        return new ArrayList<>(CollectionConverters.asJava(seq));
    }
}
