package dev.tarjama.jobs.exec;

import dev.tarjama.jobs.output.ArticleRow;
import dev.tarjama.jobs.prepare.PreparedArticle;
import dev.tarjama.jobs.prepare.Status;
import dev.tarjama.jobs.quality.QualityFlags;
import dev.tarjama.models.translate.ArticleTranslation;
import dev.tarjama.models.translate.SegmentTranslation;
import dev.tarjama.models.translate.SourceArticle;
import dev.tarjama.models.translate.TranslationPipeline;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * The executor side of the job: turns a partition of prepared articles into output rows, one per
 * article, translating in micro-batches of {@code batch.articles} so that the model batches
 * sentences across articles. A batch the model fails on is retried one article at a time, so a
 * bad article fails alone.
 */
public final class TranslatePartition implements FlatMapFunction<Iterator<PreparedArticle>, Row> {
    private final ModelSpec spec;
    private final RunSettings run;
    private final SummaryStage summaries;
    private final JobMetrics metrics;

    public TranslatePartition(ModelSpec spec, RunSettings run, SummaryStage summaries, JobMetrics metrics) {
        this.spec = spec;
        this.run = run;
        this.summaries = summaries;
        this.metrics = metrics;
    }

    @Override
    public Iterator<Row> call(Iterator<PreparedArticle> articles) {
        if (!articles.hasNext()) {
            return List.<Row>of().iterator();
        }
        // Loaded even when nothing here needs translating: every row records the model, and
        // incremental mode compares against the loaded model's name and revision.
        ArticleTranslator translator = ModelCache.get(spec, (loaded, millis) ->
                metrics.modelLoaded(ModelUse.here(ModelRole.TRANSLATION, recordedName(loaded)), millis));
        metrics.modelUsed(ModelUse.here(ModelRole.TRANSLATION, recordedName(translator)));
        return new Rows(articles, translator, summaries.open(metrics));
    }

    /** The model name as rows record it; a smoke run's rows must never pass for real translations. */
    private String recordedName(ArticleTranslator translator) {
        return (run.smoke() ? "smoke:" : "") + translator.modelName();
    }

    /** Pulls one micro-batch at a time from the partition, so a partition is never held in memory whole. */
    private final class Rows implements Iterator<Row> {
        private final Iterator<PreparedArticle> input;
        private final ArticleTranslator translator;
        private final SummaryStage.Batch summarize;
        private final QualityFlags quality;
        private final Deque<Row> ready = new ArrayDeque<>();
        private final String modelName;

        Rows(Iterator<PreparedArticle> input, ArticleTranslator translator, SummaryStage.Batch summarize) {
            this.input = input;
            this.translator = translator;
            this.summarize = summarize;
            this.quality = new QualityFlags(run.quality());
            this.modelName = recordedName(translator);
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && input.hasNext()) {
                fill();
            }
            return !ready.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private void fill() {
            List<PreparedArticle> batch = new ArrayList<>();
            while (batch.size() < run.batchArticles() && input.hasNext()) {
                PreparedArticle article = input.next();
                if (article.verdict() != null) {
                    emit(decided(article));
                } else if (article.previous() != null && article.previous().matches(article.contentHash(),
                        modelName, translator.modelRevision(), run.generationHash())) {
                    ArticleRow row = base(article);
                    row.status = Status.SKIPPED;
                    row.reason = Status.UNCHANGED;
                    row.error = "an ok row with the same content hash, model and generation settings exists";
                    row.inTable = false;
                    emit(row);
                } else {
                    batch.add(article);
                }
            }
            if (!batch.isEmpty()) {
                List<ArticleRow> rows;
                try (BatchProgress progress = new BatchProgress(metrics.articlesInFlight(), batch.size())) {
                    rows = translate(batch, progress);
                    summarize.apply(rows.stream().filter(r -> !Status.FAILED.equals(r.status)).toList());
                }
                rows.forEach(this::emit);
            }
        }

        private void emit(ArticleRow row) {
            ready.add(row.toRow());
            metrics.articlesDone().add(1);
        }

        private List<ArticleRow> translate(List<PreparedArticle> batch, TranslationPipeline.Progress progress) {
            long start = System.nanoTime();
            try {
                List<ArticleTranslation> results = translator.translate(sources(batch), progress);
                if (results.size() != batch.size()) {
                    throw new IllegalStateException("translator returned " + results.size() + " results for "
                            + batch.size() + " articles");
                }
                long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                long totalCost = Math.max(1, batch.stream().mapToLong(PreparedArticle::cost).sum());
                List<ArticleRow> rows = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    // The model batches across articles; each article is charged its share by length.
                    long share = elapsedMs * Math.max(1, batch.get(i).cost()) / totalCost;
                    rows.add(translated(batch.get(i), results.get(i), share));
                }
                metrics.memoHits().add(results.stream().mapToLong(ArticleTranslation::memoHits).sum());
                return rows;
            } catch (RuntimeException batchFailure) {
                if (batch.size() == 1) {
                    return List.of(failed(batch.get(0), batchFailure, (System.nanoTime() - start) / 1_000_000));
                }
                List<ArticleRow> rows = new ArrayList<>(batch.size());
                for (PreparedArticle article : batch) {
                    rows.addAll(translate(List.of(article), TranslationPipeline.Progress.NONE));
                }
                return rows;
            }
        }

        private List<SourceArticle> sources(List<PreparedArticle> batch) {
            List<SourceArticle> sources = new ArrayList<>(batch.size());
            for (PreparedArticle a : batch) {
                sources.add(new SourceArticle(a.articleId(), nullToEmpty(a.title()), nullToEmpty(a.body())));
            }
            return sources;
        }

        private ArticleRow translated(PreparedArticle article, ArticleTranslation t, long elapsedMs) {
            ArticleRow row = base(article);
            row.titleAr = t.titleAr();
            row.bodyAr = t.bodyAr();
            row.titleEn = t.titleEn();
            row.bodyEn = t.bodyEn();
            row.sourceTokens = t.sourceTokens();
            row.generatedTokens = t.generatedTokens();
            row.translateMs = elapsedMs;
            Set<String> flags = new LinkedHashSet<>(article.flags());
            List<Row> segments = new ArrayList<>(t.segments().size());
            double weighted = 0;
            long weights = 0;
            for (SegmentTranslation s : t.segments()) {
                List<String> segmentFlags = new ArrayList<>(s.notes());
                segmentFlags.addAll(quality.of(s.source(), s.target()));
                segments.add(ArticleRow.segment(s.paragraph(), s.sentence(), s.source(), s.target(), s.score(),
                        s.sourceTokens(), s.generatedTokens(), segmentFlags));
                for (String flag : segmentFlags) {
                    // "split:3" on a segment is "split" on the article.
                    int colon = flag.indexOf(':');
                    flags.add(colon < 0 ? flag : flag.substring(0, colon));
                }
                weighted += s.score() * s.generatedTokens();
                weights += s.generatedTokens();
            }
            row.segments = segments;
            row.meanLogprob = weights == 0 ? null : weighted / weights;
            String source = nullToEmpty(t.titleAr()) + "\n" + nullToEmpty(t.bodyAr());
            String target = nullToEmpty(t.titleEn()) + "\n" + nullToEmpty(t.bodyEn());
            row.lengthRatio = quality.lengthRatio(source, target);
            flags.addAll(quality.of(source, target).stream()
                    .filter(f -> f.startsWith("length_ratio")).toList());
            row.flags = List.copyOf(flags);
            if (nullToEmpty(article.body()).isBlank()) {
                row.status = Status.PARTIAL;
                row.reason = Status.EMPTY_BODY;
                row.error = "the body is empty; only the title was translated";
            } else {
                row.status = Status.OK;
                row.reason = Status.TRANSLATED;
            }
            return row;
        }

        private ArticleRow failed(PreparedArticle article, RuntimeException e, long elapsedMs) {
            ArticleRow row = base(article);
            row.titleAr = article.title();
            row.bodyAr = article.body();
            row.status = Status.FAILED;
            row.reason = Status.TRANSLATION_ERROR;
            row.error = e.getClass().getSimpleName() + ": " + e.getMessage();
            row.translateMs = elapsedMs;
            return row;
        }

        private ArticleRow decided(PreparedArticle article) {
            ArticleRow row = base(article);
            row.titleAr = article.title();
            row.bodyAr = article.body();
            row.status = article.verdict().status();
            row.reason = article.verdict().reason();
            row.error = article.verdict().message();
            row.inTable = !Status.DUPLICATE_ID.equals(row.reason);
            return row;
        }

        private ArticleRow base(PreparedArticle article) {
            ArticleRow row = new ArticleRow();
            row.articleId = article.articleId();
            row.contentHash = article.contentHash();
            row.inputRef = article.inputRef();
            row.url = article.url();
            row.source = article.source();
            row.publishedAtMicros = article.publishedAtMicros();
            row.flags = article.flags();
            row.translationModel = modelName;
            row.translationModelRevision = translator.modelRevision();
            row.generationHash = run.generationHash();
            row.runId = run.runId();
            row.processedAtMillis = run.processedAtMillis();
            row.dt = article.dt();
            row.dtFromRunDate = article.dtFromRunDate();
            return row;
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
