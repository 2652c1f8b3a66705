package dev.tarjama.models.onnx;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tarjama.models.ModelLoadException;
import dev.tarjama.models.generate.DecoderSession;
import dev.tarjama.models.generate.Seq2SeqModel;
import dev.tarjama.models.generate.StepProfile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A seq2seq model exported to ONNX in Optimum's seq2seq layout (docs/models.md, "ONNX interface"), run by ONNX Runtime through DJL.
 *
 * <p>One loaded model is shared by all threads of a JVM: {@link #start} may be called concurrently,
 * and every {@link DecoderSession} it returns owns its predictors and tensors (a session itself is
 * used by one thread at a time). Close every session, then the model.
 */
public final class OnnxSeq2SeqModel implements Seq2SeqModel, AutoCloseable {

    private final ModelFolder folder;
    private final ModelConfig config;
    private final ModelOptions options;
    private final OnnxFile encoder;
    /** {@code decoder_model} (split) or {@code decoder_model_merged}. */
    private final OnnxFile decoder;
    /** {@code decoder_with_past_model} (split and cached), else null. */
    private final OnnxFile decoderWithPast;
    private final Map<String, Integer> decoderPresentSlots;
    private final Map<String, Integer> encoderPresentSlots;
    /** {@link HelperGraphs#gatherRows} by tensor count, for every count a session can ask for. */
    private final Map<Integer, OnnxFile> gathers;
    private final ScoringGraphs scoring;

    private OnnxSeq2SeqModel(ModelFolder folder, ModelConfig config, ModelOptions options, OnnxFile encoder,
            OnnxFile decoder, OnnxFile decoderWithPast, Map<Integer, OnnxFile> gathers, ScoringGraphs scoring) {
        this.folder = folder;
        this.config = config;
        this.options = options;
        this.encoder = encoder;
        this.decoder = decoder;
        this.decoderWithPast = decoderWithPast;
        this.decoderPresentSlots = slots(config.decoderLayers(), false);
        this.encoderPresentSlots = slots(config.decoderLayers(), true);
        this.gathers = gathers;
        this.scoring = scoring;
    }

    /** Detects the folder's layout, reads its {@code config.json} and loads the ONNX files. */
    public static OnnxSeq2SeqModel load(Path folder, ModelOptions options) {
        ModelFolder files = ModelFolder.detect(folder, options);
        return load(files, ModelConfig.read(files.config()), options);
    }

    /**
     * Loads the ONNX files of {@code folder}, checks their input names against the ONNX interface ({@link OnnxInterface}) and, when
     * {@link ModelOptions#probeOnLoad()}, runs a one-row probe that checks outputs, cache shapes
     * and the logits' vocab size against {@code config}.
     */
    public static OnnxSeq2SeqModel load(ModelFolder folder, ModelConfig config, ModelOptions options) {
        List<OnnxFile> loaded = new ArrayList<>();
        try {
            int layers = config.decoderLayers();
            OnnxFile encoder = load(folder, folder.encoder(), OnnxInterface.Kind.ENCODER, layers, options, loaded);
            OnnxFile decoder;
            OnnxFile withPast = null;
            if (folder.merged()) {
                decoder = load(folder, folder.decoderMerged(), OnnxInterface.Kind.DECODER_MERGED, layers, options,
                        loaded);
            } else {
                decoder = load(folder, folder.decoder(), OnnxInterface.Kind.DECODER, layers, options, loaded);
                if (options.useCache()) {
                    withPast = load(folder, folder.decoderWithPast(), OnnxInterface.Kind.DECODER_WITH_PAST, layers,
                            options, loaded);
                }
            }
            Map<Integer, OnnxFile> gathers = new HashMap<>();
            for (int count : gatherCounts(layers, options.useCache())) {
                OnnxFile gather = OnnxFile.fromBytes("gather of " + count + " tensors",
                        HelperGraphs.gatherRows(count, HelperGraphs.FLOAT), options);
                loaded.add(gather);
                gathers.put(count, gather);
            }
            ScoringGraphs scoring = ScoringGraphs.load(options, loaded);
            OnnxSeq2SeqModel model = new OnnxSeq2SeqModel(folder, config, options, encoder, decoder, withPast,
                    Map.copyOf(gathers), scoring);
            if (options.probeOnLoad()) {
                model.probe();
            }
            return model;
        } catch (RuntimeException e) {
            for (OnnxFile file : loaded) {
                file.close();
            }
            throw e;
        }
    }

    private static OnnxFile load(ModelFolder folder, Path file, OnnxInterface.Kind kind, int layers,
            ModelOptions options, List<OnnxFile> loaded) {
        OnnxFile onnx = OnnxFile.load(folder.root(), file, options);
        loaded.add(onnx);
        OnnxInterface.checkInputs(folder.root(), file, kind, layers, onnx.inputNames());
        return onnx;
    }

    public ModelFolder folder() {
        return folder;
    }

    public ModelConfig config() {
        return config;
    }

    public ModelOptions options() {
        return options;
    }

    @Override
    public int vocabSize() {
        return config.logitsSize();
    }

    /** ONNX Runtime's intra-op threads (its default, one per core, when unset). */
    @Override
    public int searchThreads() {
        return options.intraOpThreads() > 0 ? options.intraOpThreads() : Runtime.getRuntime().availableProcessors();
    }

    @Override
    public DecoderSession start(long[][] inputIds) {
        int batch = inputIds.length;
        if (batch == 0) {
            throw new IllegalArgumentException("start needs at least one row");
        }
        int width = 0;
        for (int r = 0; r < batch; r++) {
            int n = inputIds[r].length;
            if (n == 0) {
                throw new IllegalArgumentException("row " + r + " is empty: every source row needs at least EOS");
            }
            if (n > config.maxPositionEmbeddings()) {
                throw new IllegalArgumentException("row " + r + " has " + n + " tokens, more than max_position_embeddings "
                        + config.maxPositionEmbeddings() + "; split the text before translating");
            }
            width = Math.max(width, n);
        }
        long[] ids = new long[batch * width];
        long[] mask = new long[batch * width];
        for (int r = 0; r < batch; r++) {
            long[] row = inputIds[r];
            for (int j = 0; j < width; j++) {
                boolean real = j < row.length;
                ids[r * width + j] = real ? row[j] : config.padTokenId();
                mask[r * width + j] = real ? 1 : 0;
            }
        }

        NDManager manager = encoder.newManager();
        try {
            NDArray maskArray = Tensors.int64(manager, mask, batch, width);
            NDArray hidden;
            try (NDArray idsArray = Tensors.int64(manager, ids, batch, width);
                    Predictor<NDList, NDList> predictor = encoder.newPredictor()) {
                Map<String, NDArray> inputs = new HashMap<>();
                inputs.put(OnnxInterface.INPUT_IDS, idsArray);
                inputs.put(OnnxInterface.ATTENTION_MASK, maskArray);
                long t = StepProfile.start();
                NDList outputs = encoder.run(predictor, inputs);
                StepProfile.add(StepProfile.Phase.ENCODER, t);
                hidden = outputs.get(OnnxInterface.LAST_HIDDEN_STATE);
                if (hidden == null) {
                    outputs.close();
                    throw new InferenceException(encoder.file(), "no " + OnnxInterface.LAST_HIDDEN_STATE
                            + " output; outputs " + names(outputs));
                }
                for (NDArray out : outputs) {
                    if (out != hidden) {
                        out.close();
                    }
                }
            }
            maskArray.setName(OnnxInterface.ENCODER_ATTENTION_MASK);
            hidden.setName(OnnxInterface.ENCODER_HIDDEN_STATES);
            if (!options.useCache()) {
                return new UncachedDecoderSession(this, manager, maskArray, hidden, decoder, folder.merged());
            }
            return new CachedDecoderSession(this, manager, maskArray, hidden, decoder,
                    folder.merged() ? decoder : decoderWithPast, folder.merged());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * The float tensors a session gathers at once: the encoder output alone (before the first step,
     * or without a cache), the self-attention cache ({@code 2 * layers}: a beam reorder), or both
     * caches with or without the encoder output (rows left or were repeated).
     */
    private static int[] gatherCounts(int layers, boolean cached) {
        return cached ? new int[] {1, 2 * layers, 4 * layers, 4 * layers + 1} : new int[] {1};
    }

    /** The graph that gathers rows of {@code count} float tensors in one run. */
    OnnxFile gather(int count) {
        OnnxFile file = gathers.get(count);
        if (file == null) {
            throw new IllegalStateException("no gather graph for " + count + " tensors (have " + gathers.keySet() + ")");
        }
        return file;
    }

    /** The graphs that score a step's logits. */
    ScoringGraphs scoring() {
        return scoring;
    }

    /** The root managers of the loaded files, for leak checks. */
    List<NDManager> rootManagers() {
        List<NDManager> managers = new ArrayList<>();
        managers.add(encoder.rootManager());
        managers.add(decoder.rootManager());
        if (decoderWithPast != null) {
            managers.add(decoderWithPast.rootManager());
        }
        for (OnnxFile gather : gathers.values()) {
            managers.add(gather.rootManager());
        }
        managers.addAll(scoring.rootManagers());
        return managers;
    }

    /** {@code present.{i}.(decoder|encoder).(key|value)} to cache slot {@code 2i (+1 for value)}. */
    Map<String, Integer> presentSlots(boolean encoderSide) {
        return encoderSide ? encoderPresentSlots : decoderPresentSlots;
    }

    private static Map<String, Integer> slots(int layers, boolean encoderSide) {
        Map<String, Integer> slots = new HashMap<>();
        for (int i = 0; i < layers; i++) {
            slots.put(OnnxInterface.present(i, encoderSide, false), 2 * i);
            slots.put(OnnxInterface.present(i, encoderSide, true), 2 * i + 1);
        }
        return Collections.unmodifiableMap(slots);
    }

    /**
     * Runs one source row and two decoder steps, so that every file has run once, and checks what
     * came out against the interface and {@code config.json}.
     */
    private void probe() {
        long[][] source = {{config.eosTokenId()}};
        long[] start = {config.decoderStartTokenId()};
        Path root = folder.root();
        OnnxFile current = encoder;
        try (DecoderSession session = start(source)) {
            EncodedSession encoded = (EncodedSession) session;
            checkShape(root, encoder.file(), "last_hidden_state", encoded.encoderHidden.getShape(),
                    new long[] {1, 1, config.dModel()});
            current = decoder;
            session.step(start);
            current = decoderWithPast != null ? decoderWithPast : decoder;
            session.step(start);
            if (session instanceof CachedDecoderSession cached) {
                long[] decoderShape = {1, config.decoderHeads(), 2, config.decoderHeadDim()};
                long[] encoderShape = {1, config.decoderHeads(), 1, config.decoderHeadDim()};
                for (int k = 0; k < cached.decoderCache().length; k++) {
                    checkShape(root, current.file(), "present decoder cache " + k,
                            cached.decoderCache()[k].getShape(), decoderShape);
                    checkShape(root, decoder.file(), "present encoder cache " + k,
                            cached.encoderCache()[k].getShape(), encoderShape);
                }
            }
        } catch (InferenceException e) {
            throw new ModelLoadException(root, e.file(), "load-time probe failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ModelLoadException(root, current.file(), "load-time probe failed: " + e.getMessage(), e);
        }
    }

    private static void checkShape(Path root, Path file, String what, Shape actual, long[] expected) {
        if (!java.util.Arrays.equals(actual.getShape(), expected)) {
            throw new ModelLoadException(root, file, what + " has shape " + actual + ", expected "
                    + new Shape(expected) + " from config.json (d_model, decoder_attention_heads)");
        }
    }

    private static Set<String> names(NDList list) {
        Set<String> names = new LinkedHashSet<>();
        for (NDArray array : list) {
            names.add(array.getName());
        }
        return names;
    }

    @Override
    public void close() {
        encoder.close();
        decoder.close();
        if (decoderWithPast != null) {
            decoderWithPast.close();
        }
        for (OnnxFile gather : gathers.values()) {
            gather.close();
        }
        scoring.close();
    }
}
