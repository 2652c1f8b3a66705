package dev.tarjama.spark;

import dev.tarjama.jobs.exec.JobMetrics;
import dev.tarjama.jobs.exec.MicroBatches;
import dev.tarjama.jobs.output.ArticleRow;
import dev.tarjama.jobs.prepare.PreparedArticle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import scala.Function1;
import scala.collection.immutable.Seq;

/**
 * The partition function of {@link TarjamaEvalExec}: reads the calls' arguments from each input
 * row, evaluates micro-batches of {@code batch.articles} rows (each distinct translated argument
 * once per row, whichever functions ask for it) and appends the results to the rows.
 */
final class EvalPartition implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private final TarjamaSettings settings;
    private final JobMetrics metrics;
    private final Seq<Attribute> input;
    private final List<Expression> arguments;
    private final List<TarjamaFunction> functions;
    /** Per call, the positions of its arguments in {@link #arguments}. */
    private final List<int[]> argumentsOf;
    private final StructType results;
    private final DataType[] output;

    EvalPartition(TarjamaSettings settings, JobMetrics metrics, Seq<Attribute> input, List<TarjamaCall> calls,
            DataType[] output) {
        this.settings = settings;
        this.metrics = metrics;
        this.input = input;
        this.arguments = new ArrayList<>();
        this.functions = new ArrayList<>();
        this.argumentsOf = new ArrayList<>();
        List<Expression> canonical = new ArrayList<>();
        StructType struct = new StructType();
        for (TarjamaCall call : calls) {
            List<Expression> args = Scala.list(call.children());
            int[] positions = new int[args.size()];
            for (int i = 0; i < args.size(); i++) {
                int at = canonical.indexOf(args.get(i).canonicalized());
                if (at < 0) {
                    at = arguments.size();
                    arguments.add(args.get(i));
                    canonical.add(args.get(i).canonicalized());
                }
                positions[i] = at;
            }
            functions.add(call.function());
            argumentsOf.add(positions);
            struct = struct.add("r" + functions.size(), call.dataType(), true);
        }
        this.results = struct;
        this.output = output;
    }

    /** One input row, copied (upstream operators reuse their row buffers), with its argument texts. */
    private record Item(InternalRow row, String[] texts, PreparedArticle[] articles) {}

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
        if (!rows.hasNext()) {
            return List.<InternalRow>of().iterator();
        }
        UnsafeProjection args = UnsafeProjection.create(Scala.seq(arguments), input);
        DataType[] argTypes = arguments.stream().map(Expression::dataType).toArray(DataType[]::new);
        boolean[] translated = new boolean[arguments.size()];
        boolean summarizes = false;
        for (int c = 0; c < functions.size(); c++) {
            if (functions.get(c).translates()) {
                translated[argumentsOf.get(c)[0]] = true;
            } else {
                summarizes = true;
            }
        }
        TextTranslations translations = functions.stream().anyMatch(TarjamaFunction::translates)
                ? TextTranslations.open(settings, metrics) : null;
        TextSummaries summaries = summarizes ? TextSummaries.open(settings, metrics) : null;
        Function1<Object, Object> toCatalyst = CatalystTypeConverters.createToCatalystConverter(results);
        UnsafeProjection out = UnsafeProjection.create(output);

        Iterator<Item> items = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Item next() {
                InternalRow row = rows.next().copy();
                InternalRow values = args.apply(row);
                String[] texts = new String[argTypes.length];
                PreparedArticle[] articles = new PreparedArticle[argTypes.length];
                for (int i = 0; i < texts.length; i++) {
                    texts[i] = values.isNullAt(i) ? null : argTypes[i] instanceof BinaryType
                            ? new String(values.getBinary(i), StandardCharsets.UTF_8) // bad bytes become U+FFFD
                            : values.getUTF8String(i).toString();
                    articles[i] = translated[i] ? translations.prepare(texts[i]) : null;
                }
                return new Item(row, texts, articles);
            }
        };
        return new MicroBatches<>(items, settings.run().batchArticles(), item -> needsModel(item, translations),
                batch -> evaluate(batch, translations, summaries, toCatalyst, out));
    }

    private boolean needsModel(Item item, TextTranslations translations) {
        for (PreparedArticle article : item.articles()) {
            if (article != null && translations.needsModel(article)) {
                return true;
            }
        }
        return false;
    }

    private List<InternalRow> evaluate(List<Item> batch, TextTranslations translations, TextSummaries summaries,
            Function1<Object, Object> toCatalyst, UnsafeProjection out) {
        List<List<ArticleRow>> byArgument = new ArrayList<>();
        for (int a = 0; a < arguments.size(); a++) {
            final int arg = a;
            boolean used = batch.get(0).articles()[a] != null;
            byArgument.add(used ? translations.process(batch.stream().map(i -> i.articles()[arg]).toList()) : null);
        }
        List<List<ArticleRow>> byCall = new ArrayList<>();
        for (int c = 0; c < functions.size(); c++) {
            int[] at = argumentsOf.get(c);
            if (functions.get(c).translates()) {
                byCall.add(byArgument.get(at[0]));
            } else {
                byCall.add(summaries.process(batch.stream().map(i -> new String[] {i.texts()[at[0]], i.texts()[at[1]]})
                        .toList()));
            }
        }
        List<InternalRow> rows = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Object[] values = new Object[functions.size()];
            for (int c = 0; c < values.length; c++) {
                ArticleRow row = byCall.get(c).get(i);
                values[c] = switch (functions.get(c)) {
                    case TRANSLATE -> Results.text(row);
                    case TRANSLATE_STRUCT -> Results.translation(row);
                    case SUMMARIZE -> Results.summary(row);
                };
            }
            InternalRow result = (InternalRow) toCatalyst.apply(RowFactory.create(values));
            rows.add(out.apply(new JoinedRow(batch.get(i).row(), result)).copy());
        }
        metrics.articlesDone().add(batch.size());
        return rows;
    }
}
