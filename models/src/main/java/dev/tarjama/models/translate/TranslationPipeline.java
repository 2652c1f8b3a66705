package dev.tarjama.models.translate;

import dev.tarjama.models.generate.Generation;
import dev.tarjama.models.generate.GenerationConfig;
import dev.tarjama.models.generate.SearchStrategy;
import dev.tarjama.models.onnx.ModelBundle;
import dev.tarjama.models.onnx.ModelOptions;
import dev.tarjama.models.onnx.Precision;
import dev.tarjama.models.text.ArabicCleaner;
import dev.tarjama.models.text.Batch;
import dev.tarjama.models.text.BatchItem;
import dev.tarjama.models.text.BatchPlanner;
import dev.tarjama.models.text.Chunk;
import dev.tarjama.models.text.ChunkRef;
import dev.tarjama.models.text.SegmentPacker;
import dev.tarjama.models.text.SentenceSplitter;
import dev.tarjama.models.tokenizer.TextTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Arabic articles in, English articles out: cleaning, sentence splitting, packing into model-sized
 * chunks, batching across articles, generation and reassembly in source order.
 *
 * <p>Thread-safe: the loaded model and tokenizer are shared; every call runs its own decoder
 * sessions. Heavy to open, so a JVM keeps one per {@link TranslatorSpec}.
 */
public final class TranslationPipeline implements AutoCloseable {

    /** Longest source chunk sent to the model; Marian was trained on sentences far shorter. */
    static final int MAX_SOURCE_TOKENS = 256;

    private final ModelBundle loaded;
    private final ModelIdentity identity;
    private final GenerationConfig generation;
    private final SearchStrategy search;
    private final ArabicCleaner cleaner = new ArabicCleaner();
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final BatchPlanner planner;
    private final int maxSourceTokens;
    private final SegmentMemo<PieceResult> memo;

    private TranslationPipeline(ModelBundle loaded, GenerationConfig generation, TranslatorSpec spec) {
        this.loaded = loaded;
        this.identity = ModelIdentity.of(loaded.folder());
        this.generation = generation;
        this.search = SearchStrategy.of(generation);
        this.planner = new BatchPlanner(spec.maxBatchTokens(), spec.maxBatchRows());
        this.maxSourceTokens = Math.min(MAX_SOURCE_TOKENS, loaded.model().config().maxPositionEmbeddings());
        this.memo = new SegmentMemo<>(spec.memoBytes());
    }

    /** Loads the model folder named by {@code spec}; fails with a message naming the file and problem. */
    public static TranslationPipeline open(TranslatorSpec spec) {
        ModelOptions options = ModelOptions.builder()
                .optPrecision(spec.precision())
                .optIntraOpThreads(spec.intraOpThreads())
                .optInterOpThreads(spec.interOpThreads())
                .build();
        ModelBundle loaded = ModelBundle.load(Path.of(spec.modelDir()), options);
        try {
            GenerationConfig.Builder builder = loaded.generationConfig().toBuilder()
                    .optMaxLengthRatio(spec.maxLengthPerSourceToken(), spec.maxLengthOffset());
            if (spec.numBeams() > 0) {
                builder.optNumBeams(spec.numBeams());
            }
            if (spec.maxNewTokens() > 0) {
                builder.optMaxNewTokens(spec.maxNewTokens());
            }
            return new TranslationPipeline(loaded, builder.build(), spec);
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    /** Name of the translation model (hub repository when fetched, else the folder name). */
    public String modelName() {
        return identity.name();
    }

    /** Revision of the translation model (hub commit when fetched, else a content fingerprint). */
    public String modelRevision() {
        return identity.revision();
    }

    /** The generation settings in force. */
    public GenerationConfig generationConfig() {
        return generation;
    }

    /** Told after each model batch: sentence pieces translated so far, of all the call's pieces. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void batchDone(int piecesDone, int piecesTotal);
    }

    /** Translates articles; one result per article, in order. Empty text gives empty translations. */
    public List<ArticleTranslation> translate(List<SourceArticle> articles) {
        return translate(articles, Progress.NONE);
    }

    /** {@link #translate(List)}, telling {@code progress} after each model batch. */
    public List<ArticleTranslation> translate(List<SourceArticle> articles, Progress progress) {
        Objects.requireNonNull(articles, "articles");
        TokenCache tokens = new TokenCache(loaded.tokenizer());
        SegmentPacker packer = new SegmentPacker(tokens::count, maxSourceTokens);
        // Two planner documents per article: the title (even index) and the body (odd index).
        List<List<Chunk>> documents = new ArrayList<>(articles.size() * 2);
        List<String> cleanTitles = new ArrayList<>(articles.size());
        List<String> cleanBodies = new ArrayList<>(articles.size());
        for (SourceArticle article : articles) {
            String title = cleaner.clean(Objects.requireNonNullElse(article.title(), ""));
            String body = cleaner.clean(Objects.requireNonNullElse(article.body(), ""));
            cleanTitles.add(title);
            cleanBodies.add(body);
            documents.add(packer.packParagraphs(splitter.split(title)));
            documents.add(packer.packParagraphs(splitter.split(body)));
        }
        Map<ChunkRef, PieceResult> results = generate(documents, tokens, progress);
        int[] memoHits = new int[articles.size()];
        results.forEach((ref, r) -> memoHits[ref.document() / 2] += r.fromMemo() ? 1 : 0);
        List<ArticleTranslation> out = new ArrayList<>(articles.size());
        for (int a = 0; a < articles.size(); a++) {
            List<SegmentTranslation> segments = new ArrayList<>();
            String titleEn = SegmentAssembly.assemble(2 * a, documents.get(2 * a), results, true, segments);
            String bodyEn = SegmentAssembly.assemble(2 * a + 1, documents.get(2 * a + 1), results, false, segments);
            out.add(new ArticleTranslation(articles.get(a).id(), cleanTitles.get(a), cleanBodies.get(a), titleEn,
                    bodyEn, segments, memoHits[a]));
        }
        return out;
    }

    /** Sends each text to the model as it is, batched; a text longer than the model takes is an error. */
    public List<RawTranslation> translateRaw(List<String> texts) {
        TokenCache tokens = new TokenCache(loaded.tokenizer());
        List<List<Chunk>> documents = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = Objects.requireNonNull(texts.get(i), "text");
            int count = tokens.count(text);
            if (count > loaded.model().config().maxPositionEmbeddings()) {
                throw new IllegalArgumentException("text " + (i + 1) + " has " + count
                        + " tokens; the model takes at most " + loaded.model().config().maxPositionEmbeddings()
                        + " (without raw mode long sentences are split)");
            }
            documents.add(text.isBlank() ? List.of() : List.of(new Chunk(0, 0, 0, 1, text, count)));
        }
        Map<ChunkRef, PieceResult> results = generate(documents, tokens, Progress.NONE);
        List<RawTranslation> list = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            PieceResult r = results.get(new ChunkRef(i, 0, 0, 0));
            list.add(r == null
                    ? new RawTranslation("", new long[0], 0.0, false, 0, false)
                    : new RawTranslation(r.text(), r.ids(), r.score(), r.endedWithEos(), r.sourceTokens(),
                            r.stoppedByLength()));
        }
        return list;
    }

    /**
     * Plans batches over every document's chunks and runs the search on each batch. With the memo
     * on, each distinct input (by token ids) goes to the model once: a repeat within the call takes
     * the first one's result, and an input this pipeline translated before comes from the memo.
     */
    private Map<ChunkRef, PieceResult> generate(List<List<Chunk>> documents, TokenCache tokens, Progress progress) {
        Map<ChunkRef, PieceResult> results = new HashMap<>();
        Map<SegmentMemo.Key, List<ChunkRef>> pending = new HashMap<>();
        List<List<Chunk>> toRun = new ArrayList<>(documents.size());
        for (int d = 0; d < documents.size(); d++) {
            List<Chunk> run = new ArrayList<>();
            for (Chunk chunk : documents.get(d)) {
                SegmentMemo.Key key = new SegmentMemo.Key(tokens.encode(chunk.text()));
                PieceResult known = memo.get(key);
                if (known != null) {
                    results.put(ChunkRef.of(d, chunk), known.repeated());
                    continue;
                }
                List<ChunkRef> refs = pending.computeIfAbsent(key, k -> new ArrayList<>());
                refs.add(ChunkRef.of(d, chunk));
                if (refs.size() == 1 || !memo.enabled()) {
                    run.add(chunk);
                }
            }
            toRun.add(run);
        }
        List<Batch> batches = planner.plan(toRun);
        int total = batches.stream().mapToInt(b -> b.items().size()).sum();
        int done = 0;
        for (Batch batch : batches) {
            List<BatchItem> items = batch.items();
            long[][] ids = new long[items.size()][];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = tokens.encode(items.get(i).text());
            }
            List<Generation> generations = search.generate(loaded.model(), ids, generation);
            for (int i = 0; i < ids.length; i++) {
                Generation g = generations.get(i);
                PieceResult r = new PieceResult(loaded.tokenizer().decode(g.ids()), g.ids(), g.score(), ids[i].length,
                        g.endedWithEos(), generation.stoppedByLength(g, ids[i].length), false);
                SegmentMemo.Key key = new SegmentMemo.Key(ids[i]);
                if (memo.enabled()) {
                    memo.put(key, r, r.memoBytes());
                    List<ChunkRef> refs = pending.get(key);
                    for (int j = 0; j < refs.size(); j++) {
                        results.put(refs.get(j), j == 0 ? r : r.repeated());
                    }
                } else {
                    results.put(items.get(i).ref(), r);
                }
            }
            progress.batchDone(done += items.size(), total);
        }
        return results;
    }

    /** What the memo of translated segments holds now (an estimate in bytes). */
    long memoBytes() {
        return memo.bytes();
    }

    @Override
    public void close() {
        loaded.close();
    }

    /** Encodes each distinct text once per call: the packer counts tokens, the batch needs the ids. */
    private static final class TokenCache {
        private final TextTokenizer tokenizer;
        private final Map<String, long[]> ids = new ConcurrentHashMap<>();

        TokenCache(TextTokenizer tokenizer) {
            this.tokenizer = tokenizer;
        }

        long[] encode(String text) {
            return ids.computeIfAbsent(text, tokenizer::encode);
        }

        int count(String text) {
            return encode(text).length;
        }
    }
}
