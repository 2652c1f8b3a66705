package dev.tarjama.jobs.output;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import dev.tarjama.jobs.prepare.Status;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a run's rows do to the table, worked out before anything is written and the same for
 * both formats: the final {@code dt} of each row (an undated article keeps the partition of its
 * existing row, except in overwrite mode), the partitions whose content changes, and the counts
 * the report and the downgrade guard need.
 */
final class MergePlan {
    private static final String OLD_DT = "_old_dt";
    private static final String OLD_OK = "_old_ok";
    private static final String NEW_DT = "_new_dt";
    private static final Column[] TABLE_COLUMNS = Arrays.stream(OutputSchema.TABLE.fieldNames())
            .map(c -> col(c)).toArray(Column[]::new);

    final OutputMode mode;
    /** This run's table rows with their final {@code dt}, {@link OutputSchema#TABLE} columns. */
    final Dataset<Row> resolved;
    /** The {@code dt} values of {@link #resolved}. */
    final Set<String> runPartitions = new TreeSet<>();
    /** Partitions whose content changes: the run's, and those its articles leave. */
    final Set<String> touched = new TreeSet<>();
    long rows;
    long inserted;
    long updated;
    long moved;
    /** Existing ok rows this run replaces, and how many of them become something else, by new status. */
    long okReplaced;
    final Map<String, Long> downgradedTo = new TreeMap<>();

    private MergePlan(OutputMode mode, Dataset<Row> resolved) {
        this.mode = mode;
        this.resolved = resolved;
    }

    /**
     * Plans {@code fresh} (this run's table rows: {@link OutputSchema#TABLE}'s columns and
     * {@code dt_from_run_date}) against {@code existing} (null: no table yet).
     */
    static MergePlan of(Dataset<Row> fresh, Dataset<Row> existing, OutputMode mode) {
        if (existing == null) {
            MergePlan plan = new MergePlan(mode, fresh.select(TABLE_COLUMNS));
            for (Row g : fresh.groupBy(OutputSchema.DT).count().collectAsList()) {
                plan.runPartitions.add(g.getString(0));
                plan.rows += g.getLong(1);
                plan.inserted += g.getLong(1);
            }
            plan.touched.addAll(plan.runPartitions);
            return plan;
        }
        // One line per existing id (a table written before keyed writes may hold an id twice).
        Dataset<Row> previous = existing.groupBy("article_id").agg(max(col(OutputSchema.DT)).as(OLD_DT),
                max(when(col("status").equalTo(Status.OK), 1).otherwise(0)).as(OLD_OK));
        Dataset<Row> joined = fresh.join(previous, "article_id", "left");
        Column dt = mode.keepsUndatedPartition()
                ? when(col(OutputSchema.DT_FROM_RUN_DATE).and(col(OLD_DT).isNotNull()), col(OLD_DT))
                        .otherwise(col(OutputSchema.DT))
                : col(OutputSchema.DT);
        joined = joined.withColumn(NEW_DT, dt);
        MergePlan plan = new MergePlan(mode, joined.withColumn(OutputSchema.DT, col(NEW_DT)).select(TABLE_COLUMNS));
        for (Row g : joined.groupBy(NEW_DT, OLD_DT, OLD_OK, "status").count().collectAsList()) {
            String newDt = g.getString(0);
            String oldDt = g.isNullAt(1) ? null : g.getString(1);
            long n = g.getLong(4);
            plan.runPartitions.add(newDt);
            plan.rows += n;
            if (oldDt == null) {
                plan.inserted += n;
            } else if (oldDt.equals(newDt)) {
                plan.updated += n;
            } else {
                plan.moved += n;
            }
            if (!g.isNullAt(2) && g.getInt(2) == 1) {
                plan.okReplaced += n;
                if (!Status.OK.equals(g.getString(3))) {
                    plan.downgradedTo.merge(g.getString(3), n, Long::sum);
                }
            }
        }
        plan.touched.addAll(plan.runPartitions);
        // Every partition that holds one of this run's articles now: the article leaves it.
        for (Row r : existing.join(fresh.select("article_id"), "article_id", "left_semi")
                .select(OutputSchema.DT).distinct().collectAsList()) {
            plan.touched.add(r.getString(0));
        }
        return plan;
    }

    long downgraded() {
        return downgradedTo.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Existing rows a touched partition keeps: not this run's articles, and (overwrite) not in a run partition. */
    Dataset<Row> kept(Dataset<Row> existing) {
        Dataset<Row> kept = existing.where(col(OutputSchema.DT).isin(touched.toArray()))
                .join(resolved.select("article_id"), "article_id", "left_anti");
        if (mode == OutputMode.OVERWRITE && !runPartitions.isEmpty()) {
            kept = kept.where(not(col(OutputSchema.DT).isin(runPartitions.toArray())));
        }
        return kept.select(TABLE_COLUMNS);
    }

    /** Overwrite mode: existing rows of other articles in the run's partitions, which the commit removes. */
    long removedByOverwrite(Dataset<Row> existing) {
        if (mode != OutputMode.OVERWRITE || existing == null || runPartitions.isEmpty()) {
            return 0;
        }
        return existing.where(col(OutputSchema.DT).isin(runPartitions.toArray()))
                .join(resolved.select("article_id"), "article_id", "left_anti").count();
    }

    List<String> touchedList() {
        return List.copyOf(touched);
    }
}
