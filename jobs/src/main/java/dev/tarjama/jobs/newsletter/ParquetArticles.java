package dev.tarjama.jobs.newsletter;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.substring;

import dev.tarjama.jobs.output.ArticleTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the batch job's output (docs/output-schema.md) with Spark, the job's own reader: {@code ok}
 * rows of a {@code dt} range, only the columns the newsletter shows or checks (models, flags), bodies cut to
 * {@link #BODY_CHARS} characters (only their first sentences are used) so a month of news fits the
 * driver. Folders starting with {@code _} ({@code _runs}, {@code _newsletters}) are ignored by Spark.
 */
public final class ParquetArticles {
    /** Characters of each body brought to the driver. */
    public static final int BODY_CHARS = 4000;

    private final SparkSession spark;
    private final String input;

    public ParquetArticles(SparkSession spark, String input) {
        this.spark = spark;
        this.input = input;
    }

    /**
     * The latest publication day (UTC) of the {@code ok} rows; when none has a {@code published_at},
     * the latest {@code dt}. Not simply the latest {@code dt}: undated articles land in the run's
     * date, which would make a newsletter of the undated few.
     */
    public Optional<LocalDate> latestDate() {
        Row row = ok().agg(max(col("published_at")), max(dtString())).first();
        if (!row.isNullAt(0)) {
            return Optional.of(LocalDate.ofInstant(instant(row.get(0)), java.time.ZoneOffset.UTC));
        }
        return row.isNullAt(1) ? Optional.empty() : Optional.of(LocalDate.parse(row.getString(1)));
    }

    /** The {@code ok} rows with {@code from <= dt <= to}. */
    public List<Candidate> read(LocalDate from, LocalDate to) {
        Dataset<Row> rows = ok()
                .where(dtString().geq(lit(from.toString())).and(dtString().leq(lit(to.toString()))))
                .select(col("article_id"), col("source"), col("url"), col("published_at"), col("processed_at"),
                        dtString(), col("title_ar"), col("title_en"), col("summary_ar"), col("summary_en"),
                        substring(col("body_ar"), 1, BODY_CHARS), substring(col("body_en"), 1, BODY_CHARS),
                        col("translation_model"), col("translation_model_revision"), col("summary_model"),
                        col("summary_model_revision"), col("flags"));
        List<Candidate> out = new ArrayList<>();
        for (Row r : rows.collectAsList()) {
            out.add(new Candidate(r.getString(0), r.getString(1), r.getString(2), instant(r.get(3)), instant(r.get(4)),
                    LocalDate.parse(r.getString(5)), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
                    r.getString(10), r.getString(11), new Candidate.Provenance(r.getString(12), r.getString(13),
                            r.getString(14), r.getString(15), r.isNullAt(16) ? List.of() : r.getList(16))));
        }
        return out;
    }

    private Dataset<Row> ok() {
        return ArticleTable.read(spark, input).where(col("status").equalTo("ok"));
    }

    /** {@code dt} as yyyy-MM-dd whether Spark inferred it as a date or a string. */
    private static Column dtString() {
        return col("dt").cast("string");
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        return ((Timestamp) value).toInstant();
    }
}
