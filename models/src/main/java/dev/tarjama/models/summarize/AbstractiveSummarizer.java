package dev.tarjama.models.summarize;

import dev.tarjama.models.generate.Generation;
import dev.tarjama.models.generate.GenerationConfig;
import dev.tarjama.models.generate.SearchStrategy;
import dev.tarjama.models.onnx.ModelBundle;
import dev.tarjama.models.onnx.ModelOptions;
import dev.tarjama.models.text.Batch;
import dev.tarjama.models.text.BatchItem;
import dev.tarjama.models.text.BatchPlanner;
import dev.tarjama.models.text.Chunk;
import dev.tarjama.models.text.ChunkRef;
import dev.tarjama.models.tokenizer.TextTokenizer;
import dev.tarjama.models.translate.ModelIdentity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * English texts in, abstractive summaries out, with a BART model (e.g. distilbart-cnn-6-6) through
 * the same generation core as translation and the model's {@code generation_config.json}. Texts
 * longer than the model takes are fitted by the spec's {@link LongInputPolicy}, and each summary
 * says what was done.
 *
 * <p>Thread-safe: the loaded model and tokenizer are shared; every call runs its own decoder
 * sessions. Heavy to open, so a JVM keeps one per {@link SummarizerSpec}.
 */
public final class AbstractiveSummarizer implements AutoCloseable {

    private final ModelBundle loaded;
    private final ModelIdentity identity;
    private final GenerationConfig generation;
    private final SearchStrategy search;
    private final LongInputPolicy policy;
    private final InputFitter fitter;
    private final BatchPlanner planner;

    private AbstractiveSummarizer(ModelBundle loaded, GenerationConfig generation, SummarizerSpec spec) {
        this.loaded = loaded;
        this.identity = ModelIdentity.of(loaded.folder());
        this.generation = generation;
        this.search = SearchStrategy.of(generation);
        this.policy = spec.longInputPolicy();
        int modelLimit = loaded.model().config().maxPositionEmbeddings();
        int limit = spec.maxInputTokens() == 0 ? modelLimit : Math.min(spec.maxInputTokens(), modelLimit);
        this.fitter = new InputFitter(loaded.tokenizer()::encode, limit);
        this.planner = new BatchPlanner(spec.maxBatchTokens(), spec.maxBatchRows());
    }

    /** Loads the model folder named by {@code spec}; fails with a message naming the file and problem. */
    public static AbstractiveSummarizer open(SummarizerSpec spec) {
        return open(spec, UnaryOperator.identity());
    }

    /**
     * Loads the model folder named by {@code spec}, then lets {@code overrides} change the
     * generation settings read from its {@code generation_config.json} (after the spec's own).
     */
    public static AbstractiveSummarizer open(SummarizerSpec spec, UnaryOperator<GenerationConfig.Builder> overrides) {
        ModelOptions options = ModelOptions.builder()
                .optPrecision(spec.precision())
                .optIntraOpThreads(spec.intraOpThreads())
                .optInterOpThreads(spec.interOpThreads())
                .build();
        ModelBundle loaded = ModelBundle.load(Path.of(spec.modelDir()), options);
        try {
            GenerationConfig.Builder builder = loaded.generationConfig().toBuilder();
            if (spec.numBeams() > 0) {
                builder.optNumBeams(spec.numBeams());
            }
            return new AbstractiveSummarizer(loaded, overrides.apply(builder).build(), spec);
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    /** Name of the summarization model (hub repository when fetched, else the folder name). */
    public String modelName() {
        return identity.name();
    }

    /** Revision of the summarization model (hub commit when fetched, else a content fingerprint). */
    public String modelRevision() {
        return identity.revision();
    }

    /** The generation settings in force. */
    public GenerationConfig generationConfig() {
        return generation;
    }

    /** The input limit in tokens, special tokens included. */
    public int maxInputTokens() {
        return fitter.limit();
    }

    public LongInputPolicy longInputPolicy() {
        return policy;
    }

    /** Summarizes one text; see {@link #summarize(List)}. */
    public AbstractiveSummary summarize(String text) {
        return summarize(List.of(text)).get(0);
    }

    /**
     * Summarizes texts, batched across texts (longest first, within the token budget); one result
     * per text, in order. A blank text gives an empty summary noted {@code empty_input}.
     */
    public List<AbstractiveSummary> summarize(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        Map<String, long[]> tokens = new ConcurrentHashMap<>();
        int n = texts.size();
        int[] sourceTokens = new int[n];
        List<List<long[]>> windows = new ArrayList<>(n);
        List<List<String>> notes = new ArrayList<>(n);
        for (int d = 0; d < n; d++) {
            String text = Objects.requireNonNull(texts.get(d), "text " + (d + 1));
            if (text.isBlank()) {
                windows.add(List.of());
                notes.add(new ArrayList<>());
                continue;
            }
            long[] ids = tokens.computeIfAbsent(text, loaded.tokenizer()::encode);
            sourceTokens[d] = ids.length;
            InputFitter.Fitted fitted = fitter.fit(text, ids, policy);
            windows.add(fitted.windows());
            notes.add(new ArrayList<>(fitted.notes()));
        }
        List<List<Generation>> first = generate(windows);

        // Chunked texts: the window summaries, joined in order, are summarized once more.
        List<List<long[]>> combined = new ArrayList<>(n);
        boolean anyCombined = false;
        for (int d = 0; d < n; d++) {
            if (first.get(d).size() <= 1) {
                combined.add(List.of());
                continue;
            }
            List<String> parts = new ArrayList<>();
            for (Generation g : first.get(d)) {
                parts.add(loaded.tokenizer().decode(g.ids()).strip());
            }
            String joined = String.join(" ", parts);
            long[] ids = loaded.tokenizer().encode(joined);
            InputFitter.Fitted fitted = fitter.fit(joined, ids, LongInputPolicy.TRUNCATE_LEAD);
            for (String note : fitted.notes()) {
                notes.get(d).add("combined_" + note);
            }
            combined.add(fitted.windows());
            anyCombined = true;
        }
        List<List<Generation>> second = anyCombined ? generate(combined) : null;

        List<AbstractiveSummary> out = new ArrayList<>(n);
        for (int d = 0; d < n; d++) {
            List<Generation> gens = first.get(d);
            if (gens.isEmpty()) {
                out.add(AbstractiveSummary.empty());
                continue;
            }
            Generation g = gens.size() == 1 ? gens.get(0) : second.get(d).get(0);
            out.add(new AbstractiveSummary(loaded.tokenizer().decode(g.ids()).strip(), g.ids(), g.score(),
                    notes.get(d), sourceTokens[d], g.length(), g.endedWithEos()));
        }
        return out;
    }

    /** One generation per window of every document, in order; windows of all documents share batches. */
    private List<List<Generation>> generate(List<List<long[]>> windows) {
        List<List<Chunk>> documents = new ArrayList<>(windows.size());
        for (List<long[]> doc : windows) {
            List<Chunk> chunks = new ArrayList<>(doc.size());
            for (int w = 0; w < doc.size(); w++) {
                chunks.add(new Chunk(0, w, 0, 1, "", doc.get(w).length));
            }
            documents.add(chunks);
        }
        Map<ChunkRef, Generation> results = new HashMap<>();
        for (Batch batch : planner.plan(documents)) {
            List<BatchItem> items = batch.items();
            long[][] ids = new long[items.size()][];
            for (int i = 0; i < ids.length; i++) {
                ChunkRef ref = items.get(i).ref();
                ids[i] = windows.get(ref.document()).get(ref.sentence());
            }
            List<Generation> generations = search.generate(loaded.model(), ids, generation);
            for (int i = 0; i < ids.length; i++) {
                results.put(items.get(i).ref(), generations.get(i));
            }
        }
        List<List<Generation>> out = new ArrayList<>(windows.size());
        for (int d = 0; d < windows.size(); d++) {
            List<Generation> doc = new ArrayList<>();
            for (int w = 0; w < windows.get(d).size(); w++) {
                doc.add(results.get(new ChunkRef(d, 0, w, 0)));
            }
            out.add(doc);
        }
        return out;
    }

    /** The tokenizer, for callers that count tokens the way this summarizer does. */
    public TextTokenizer tokenizer() {
        return loaded.tokenizer();
    }

    @Override
    public void close() {
        loaded.close();
    }
}
