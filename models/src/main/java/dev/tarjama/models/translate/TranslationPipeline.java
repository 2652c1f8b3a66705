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
import dev.tarjama.models.text.Reassembled;
import dev.tarjama.models.text.Reassembler;
import dev.tarjama.models.text.SegmentPacker;
import dev.tarjama.models.text.SentenceSplitter;
import dev.tarjama.models.text.TranslatedSentence;
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
    /** Default cap on generated length relative to the source: 2 tokens per source token + 10. */
    static final double MAX_LENGTH_RATIO = 2.0;
    static final int MAX_LENGTH_OFFSET = 10;

    private final ModelBundle loaded;
    private final ModelIdentity identity;
    private final GenerationConfig generation;
    private final SearchStrategy search;
    private final ArabicCleaner cleaner = new ArabicCleaner();
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final BatchPlanner planner;
    private final int maxSourceTokens;

    private TranslationPipeline(ModelBundle loaded, GenerationConfig generation, TranslatorSpec spec) {
        this.loaded = loaded;
        this.identity = ModelIdentity.of(loaded.folder());
        this.generation = generation;
        this.search = SearchStrategy.of(generation);
        this.planner = new BatchPlanner(spec.maxBatchTokens(), spec.maxBatchRows());
        this.maxSourceTokens = Math.min(MAX_SOURCE_TOKENS, loaded.model().config().maxPositionEmbeddings());
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
                    .optMaxLengthRatio(MAX_LENGTH_RATIO, MAX_LENGTH_OFFSET);
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
        List<ArticleTranslation> out = new ArrayList<>(articles.size());
        for (int a = 0; a < articles.size(); a++) {
            List<SegmentTranslation> segments = new ArrayList<>();
            String titleEn = assemble(2 * a, documents.get(2 * a), results, true, segments);
            String bodyEn = assemble(2 * a + 1, documents.get(2 * a + 1), results, false, segments);
            out.add(new ArticleTranslation(
                    articles.get(a).id(), cleanTitles.get(a), cleanBodies.get(a), titleEn, bodyEn, segments));
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
                    ? new RawTranslation("", new long[0], 0.0, false, 0)
                    : new RawTranslation(r.text(), r.ids(), r.score(), r.endedWithEos(), r.sourceTokens()));
        }
        return list;
    }

    /** Plans batches over every document's chunks and runs the search on each batch. */
    private Map<ChunkRef, PieceResult> generate(List<List<Chunk>> documents, TokenCache tokens, Progress progress) {
        Map<ChunkRef, PieceResult> results = new HashMap<>();
        List<Batch> batches = planner.plan(documents);
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
                results.put(items.get(i).ref(), new PieceResult(
                        loaded.tokenizer().decode(g.ids()), g.ids(), g.score(), ids[i].length, g.endedWithEos()));
            }
            progress.batchDone(done += items.size(), total);
        }
        return results;
    }

    private static String assemble(int document, List<Chunk> chunks, Map<ChunkRef, PieceResult> results,
                                   boolean title, List<SegmentTranslation> segments) {
        Map<ChunkRef, String> texts = new HashMap<>();
        // Per sentence: pieces' results, to aggregate score, tokens and notes.
        Map<Long, List<PieceResult>> bySentence = new HashMap<>();
        for (Chunk chunk : chunks) {
            ChunkRef ref = ChunkRef.of(document, chunk);
            PieceResult r = results.get(ref);
            if (r != null) {
                texts.put(ref, r.text());
                bySentence.computeIfAbsent(sentenceKey(chunk.paragraph(), chunk.sentence()), k -> new ArrayList<>()).add(r);
            }
        }
        Reassembled reassembled = Reassembler.reassemble(document, chunks, texts);
        for (TranslatedSentence s : reassembled.sentences()) {
            List<PieceResult> pieces = bySentence.getOrDefault(sentenceKey(s.paragraph(), s.index()), List.of());
            int pieceCount = (int) chunks.stream()
                    .filter(c -> c.paragraph() == s.paragraph() && c.sentence() == s.index()).count();
            segments.add(segment(title ? -1 : s.paragraph(), s, pieces, pieceCount));
        }
        return reassembled.text();
    }

    private static SegmentTranslation segment(int paragraph, TranslatedSentence s, List<PieceResult> pieces, int pieceCount) {
        int sourceTokens = 0;
        int generated = 0;
        double weighted = 0;
        boolean hitLimit = false;
        java.util.stream.LongStream.Builder ids = java.util.stream.LongStream.builder();
        for (PieceResult p : pieces) {
            java.util.Arrays.stream(p.ids()).forEach(ids::add);
            sourceTokens += p.sourceTokens();
            generated += p.generatedTokens();
            weighted += p.score() * p.generatedTokens();
            hitLimit |= !p.endedWithEos();
        }
        List<String> notes = new ArrayList<>();
        if (pieceCount > 1) {
            notes.add("split:" + pieceCount);
        }
        if (hitLimit) {
            notes.add("max_length");
        }
        if (!s.complete()) {
            notes.add("missing_pieces");
        }
        double score = generated == 0 ? 0.0 : weighted / generated;
        return new SegmentTranslation(
                paragraph, s.index(), s.source(), s.text(), score, sourceTokens, generated, notes, ids.build().toArray());
    }

    private static long sentenceKey(int paragraph, int sentence) {
        return ((long) paragraph << 32) | (sentence & 0xffffffffL);
    }

    @Override
    public void close() {
        loaded.close();
    }

    private record PieceResult(String text, long[] ids, double score, int sourceTokens, boolean endedWithEos) {
        int generatedTokens() {
            return ids.length;
        }
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
