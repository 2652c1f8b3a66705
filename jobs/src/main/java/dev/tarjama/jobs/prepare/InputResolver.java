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
 * Of records with one id, the last well-formed one in input order is kept (files in path order,
 * then byte offset or row number as numbers), because a later record is usually a correction; a
 * record that could not be read never replaces one that could. Every other record is
 * {@code skipped}/{@code duplicate_id}: it stays in the run's ledger and report, not in the table,
 * so that the table keeps one row per article id.
 */
public final class InputResolver {
    /** Ascending: the record kept is the last. */
    private static final Comparator<PreparedArticle> KEEP_LAST = Comparator
            .comparing((PreparedArticle a) -> a.verdict() == null || !Status.MALFORMED_RECORD.equals(a.verdict().reason()))
            .thenComparing(PreparedArticle::ref)
            .thenComparing(PreparedArticle::contentHash, Comparator.nullsFirst(Comparator.naturalOrder()));

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

    /** The records of one id: the kept one first, then the duplicates in input order. */
    static List<PreparedArticle> settle(Iterable<PreparedArticle> sameId, PreviousRow previous) {
        List<PreparedArticle> records = new ArrayList<>();
        sameId.forEach(records::add);
        if (records.isEmpty()) {
            return records; // an earlier row whose id this run does not have
        }
        records.sort(KEEP_LAST);
        PreparedArticle kept = records.remove(records.size() - 1);
        List<PreparedArticle> out = new ArrayList<>(records.size() + 1);
        out.add(previous == null ? kept : kept.withPrevious(previous));
        for (PreparedArticle record : records) {
            String own = record.verdict() == null ? "" : "; this record is also " + record.verdict().reason()
                    + ": " + record.verdict().message();
            out.add(record.withVerdict(Verdict.skipped(Status.DUPLICATE_ID, "article id also used by "
                    + kept.inputRef() + ", which was kept (the last readable record of the id in input order)"
                    + own)));
        }
        return out;
    }
}
