package dev.tarjama.spark;

import dev.tarjama.jobs.exec.ConfiguredSummaryStage;
import dev.tarjama.jobs.exec.JobMetrics;
import dev.tarjama.jobs.exec.ModelCache;
import dev.tarjama.jobs.exec.SummaryMethod;
import dev.tarjama.jobs.exec.SummaryStage;
import dev.tarjama.jobs.output.ArticleRow;
import dev.tarjama.jobs.prepare.PreparedArticle;
import dev.tarjama.jobs.prepare.Status;
import dev.tarjama.models.summarize.ExtractiveSummarizer;
import dev.tarjama.models.summarize.RankedSentence;
import dev.tarjama.models.text.ArabicCleaner;
import dev.tarjama.models.text.Sentence;
import dev.tarjama.models.text.SentenceSplitter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Executor side of {@code tarjama_summarize(text_ar, text_en)} and {@link ArabicSummarizer}: the
 * job's summary stage ({@link ConfiguredSummaryStage}) on rows made from the two texts. The
 * Arabic is cleaned and split as the translator does; its sentences are the rows' segments. The
 * extractive English summary is, as in the job, the translation of exactly the chosen Arabic
 * sentences: only those are translated (one model call per micro-batch). The abstractive English
 * summary is the summary model's summary of {@code text_en}.
 */
final class TextSummaries {
    /** Reason of a row whose summaries were made. */
    static final String SUMMARIZED = "summarized";

    private final ArabicCleaner cleaner = new ArabicCleaner();
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final SummaryStage.Batch stage;
    private final ExtractiveSummarizer extractive;
    private final TextTranslations translations;

    private TextSummaries(SummaryStage.Batch stage, ExtractiveSummarizer extractive, TextTranslations translations) {
        this.stage = stage;
        this.extractive = extractive;
        this.translations = translations;
    }

    /** Opens this JVM's summarizers, and the translator when English summaries are extractive. */
    static TextSummaries open(TarjamaSettings settings, JobMetrics metrics) {
        SummaryStage.Batch stage = new ConfiguredSummaryStage(settings.summaries()).open(metrics);
        boolean translate = settings.summaries().en() == SummaryMethod.EXTRACTIVE;
        return new TextSummaries(stage, translate ? ModelCache.extractive(settings.summaries().options()) : null,
                translate ? TextTranslations.open(settings, metrics) : null);
    }

    /** One row per {@code (text_ar, text_en)} pair, in order, with the summary columns filled. */
    List<ArticleRow> process(List<String[]> pairs) {
        List<ArticleRow> rows = new ArrayList<>(pairs.size());
        List<ArticleRow> toSummarize = new ArrayList<>();
        Map<ArticleRow, List<RankedSentence>> chosen = new HashMap<>();
        for (String[] pair : pairs) {
            ArticleRow row = new ArticleRow();
            rows.add(row);
            List<Sentence> sentences = splitter.sentences(cleaner.clean(pair[0] == null ? "" : pair[0]));
            if (sentences.isEmpty()) {
                row.status = Status.SKIPPED;
                row.reason = Status.EMPTY;
                row.error = "the Arabic text is empty";
                continue;
            }
            row.status = Status.OK;
            row.reason = SUMMARIZED;
            row.bodyEn = pair[1];
            row.segments = new ArrayList<>(sentences.size());
            for (Sentence s : sentences) {
                row.segments.add(ArticleRow.segment(s.paragraph(), s.index(), s.text(), null, 0.0, 0, 0, List.of()));
            }
            if (extractive != null) {
                chosen.put(row, extractive.summarize(sentences).sentences());
            }
            toSummarize.add(row);
        }
        if (translations != null) {
            translateChosen(toSummarize, chosen);
        }
        stage.apply(toSummarize);
        return rows;
    }

    /** Gives the chosen sentences of each row their English, all rows' sentences in one model call. */
    private void translateChosen(List<ArticleRow> rows, Map<ArticleRow, List<RankedSentence>> chosen) {
        List<PreparedArticle> articles = new ArrayList<>(rows.size());
        for (ArticleRow row : rows) {
            // One sentence per paragraph: the translator splits them back into exactly these sentences.
            articles.add(translations.prepare(String.join("\n\n",
                    chosen.get(row).stream().map(RankedSentence::text).toList())));
        }
        List<ArticleRow> translated = translations.process(articles);
        for (int i = 0; i < rows.size(); i++) {
            ArticleRow row = rows.get(i);
            List<RankedSentence> picks = chosen.get(row);
            List<Row> english = translated.get(i).segments;
            if (english == null || english.size() != picks.size()) {
                continue; // not translated (the row's error says why): the summary stage flags the sentences untranslated
            }
            for (int k = 0; k < picks.size(); k++) {
                RankedSentence pick = picks.get(k);
                for (int s = 0; s < row.segments.size(); s++) {
                    Row segment = row.segments.get(s);
                    if (segment.getInt(0) == pick.paragraph() && segment.getInt(1) == pick.index()) {
                        Row en = english.get(k);
                        row.segments.set(s, ArticleRow.segment(pick.paragraph(), pick.index(), segment.getString(2),
                                en.getString(3), en.getDouble(4), en.getInt(5), en.getInt(6), List.of()));
                    }
                }
            }
        }
    }
}
