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

    static <T> List<T> list(scala.collection.Seq<T> seq) {
        return new ArrayList<>(CollectionConverters.asJava(seq));
    }
}
