package dev.tarjama.spark;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;

/**
 * A call of one of the {@link TarjamaFunction}s in a query plan. It is never evaluated row by row:
 * {@link ExtractTarjamaCalls} moves every call into a {@link TarjamaEval} node, which evaluates
 * micro-batches of rows with one model call each ({@link TarjamaEvalExec}). Written in Java like
 * the rest of the project; a Catalyst node must be a {@code Product}, hence the product methods.
 */
public final class TarjamaCall extends Expression {
    private final String function;
    private final Seq<Expression> arguments;

    /** {@code function} is a {@link TarjamaFunction} name; Catalyst copies nodes through this constructor. */
    public TarjamaCall(String function, Seq<Expression> arguments) {
        this.function = function;
        this.arguments = arguments;
    }

    static TarjamaCall of(TarjamaFunction function, List<Expression> arguments) {
        if (arguments.size() != function.arity()) {
            throw new IllegalArgumentException(function.sqlName() + " takes " + function.arity() + " argument"
                    + (function.arity() == 1 ? "" : "s") + ", got " + arguments.size());
        }
        return new TarjamaCall(function.name(), Scala.seq(arguments));
    }

    public TarjamaFunction function() {
        return TarjamaFunction.valueOf(function);
    }

    /** Throws when an argument is neither a string nor binary (UTF-8 bytes). */
    void checkArguments() {
        for (Expression argument : Scala.list(arguments)) {
            if (!argument.resolved()) {
                continue;
            }
            DataType type = argument.dataType();
            if (!(type instanceof StringType) && !(type instanceof BinaryType)) {
                throw new IllegalArgumentException(function().sqlName() + " takes string (or binary UTF-8) arguments;"
                        + " " + argument.sql() + " is " + type.simpleString() + ": cast it first");
            }
        }
    }

    @Override
    public Seq<Expression> children() {
        return arguments;
    }

    @Override
    public Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
        return new TarjamaCall(function, newChildren.toList());
    }

    @Override
    public boolean nullable() {
        return function() == TarjamaFunction.TRANSLATE;
    }

    @Override
    public DataType dataType() {
        return function().dataType();
    }

    @Override
    public String prettyName() {
        return function().sqlName();
    }

    /** Prints as {@code tarjama_translate(body#1)}: the function is the name, not an argument. */
    @Override
    public scala.collection.Iterator<Object> stringArgs() {
        return Scala.<Object>seq(Scala.list(arguments).toArray()).iterator();
    }

    @Override
    public Object eval(InternalRow input) {
        throw new IllegalStateException(function().sqlName() + " is evaluated in batches by the"
                + " TarjamaSparkExtensions plan rules; is spark.sql.extensions=" + TarjamaSparkExtensions.class.getName()
                + " set?");
    }

    @Override
    public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
        throw new IllegalStateException(function().sqlName() + " has no generated code: it is evaluated in batches");
    }

    @Override
    public int productArity() {
        return 2;
    }

    @Override
    public Object productElement(int n) {
        return switch (n) {
            case 0 -> function;
            case 1 -> arguments;
            default -> throw new IndexOutOfBoundsException(n);
        };
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof TarjamaCall;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TarjamaCall c && c.function.equals(function) && c.arguments.equals(arguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(function, arguments);
    }
}
