package dev.tarjama.jobs.prepare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Settles records that share an article id, and attaches the earlier ok row in incremental mode.
 * Of records with one id, the first well-formed one by input position is kept; every other one is
 * {@code skipped}/{@code duplicate_id} (it stays in the run's ledger and report, not in the table,
 * so that the table keeps one row per article id).
 */
public final class InputResolver {
    private static final Comparator<PreparedArticle> KEEP_ORDER = Comparator
            .comparing((PreparedArticle a) -> a.verdict() != null && Status.MALFORMED_RECORD.equals(a.verdict().reason()))
            .thenComparing(PreparedArticle::inputRef, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(PreparedArticle::contentHash, Comparator.nullsLast(Comparator.naturalOrder()));

    private InputResolver() {}

    /** Resolves duplicates; {@code previous} (ok rows by article id) may be null. */
    public static JavaRDD<PreparedArticle> resolve(
            JavaRDD<PreparedArticle> articles, JavaPairRDD<String, PreviousRow> previous) {
        JavaPairRDD<String, PreparedArticle> byId = articles.mapToPair(a -> new Tuple2<>(a.articleId(), a));
        if (previous == null) {
            return byId.groupByKey().flatMap(group -> settle(group._2(), null).iterator());
        }
        return byId.cogroup(previous).flatMap(group -> {
            Iterator<PreviousRow> rows = group._2()._2().iterator();
            return settle(group._2()._1(), rows.hasNext() ? rows.next() : null).iterator();
        });
    }

    static List<PreparedArticle> settle(Iterable<PreparedArticle> sameId, PreviousRow previous) {
        List<PreparedArticle> records = new ArrayList<>();
        sameId.forEach(records::add);
        records.sort(KEEP_ORDER);
        List<PreparedArticle> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            PreparedArticle record = records.get(i);
            if (i == 0) {
                out.add(previous == null ? record : record.withPrevious(previous));
            } else {
                String own = record.verdict() == null ? "" : "; this record is also " + record.verdict().reason()
                        + ": " + record.verdict().message();
                out.add(record.withVerdict(Verdict.skipped(Status.DUPLICATE_ID, "article id also used by "
                        + records.get(0).inputRef() + ", which was kept" + own)));
            }
        }
        return out;
    }

}
