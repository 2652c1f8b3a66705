package dev.tarjama.models.onnx;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.tarjama.models.ModelLoadException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One loaded ONNX file: a DJL {@link Model} on the ONNX Runtime engine, plus its input names. The
 * session is created with {@link SessionSettings}' options, which DJL's string options cannot carry.
 *
 * <p>Safe to share between threads: ONNX Runtime sessions run concurrently, and each caller brings
 * its own {@link Predictor} (DJL predictors are not thread-safe) and its own {@link NDManager}.
 */
final class OnnxFile implements AutoCloseable {

    private final Path file;
    private final Model model;
    private final Set<String> inputNames;

    private OnnxFile(Path file, Model model) {
        this.file = file;
        this.model = model;
        Set<String> names = new LinkedHashSet<>(model.getBlock().describeInput().keys());
        this.inputNames = java.util.Collections.unmodifiableSet(names);
    }

    static OnnxFile load(Path folder, Path file, ModelOptions options) {
        Model model = Model.newInstance(baseName(file), "OnnxRuntime");
        try (SessionOptions session = SessionSettings.options(options, baseName(file))) {
            // Folder + name rather than the file itself: same model, without DJL's warning about a
            // repository "pointing to a non-archive file" for every file loaded.
            model.load(file.getParent(), baseName(file), Map.of("sessionOptions", session));
            return new OnnxFile(file, model);
        } catch (MalformedModelException | IOException | OrtException | RuntimeException e) {
            model.close();
            throw new ModelLoadException(folder, file, "ONNX Runtime cannot load it: " + e.getMessage(), e);
        }
    }

    /** A graph built in memory ({@link HelperGraphs}); {@code name} stands for its file in messages. */
    static OnnxFile fromBytes(String name, byte[] onnx, ModelOptions options) {
        Model model = Model.newInstance(name, "OnnxRuntime");
        try (SessionOptions session = SessionSettings.options(options, name)) {
            model.load(new ByteArrayInputStream(onnx), Map.of("sessionOptions", session));
            return new OnnxFile(Path.of(name), model);
        } catch (MalformedModelException | IOException | OrtException | RuntimeException e) {
            model.close();
            throw new IllegalStateException("ONNX Runtime cannot load the built-in graph " + name + ": "
                    + e.getMessage(), e);
        }
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".onnx") ? name.substring(0, name.length() - ".onnx".length()) : name;
    }

    Path file() {
        return file;
    }

    String fileName() {
        return file.getFileName().toString();
    }

    Set<String> inputNames() {
        return inputNames;
    }

    Predictor<NDList, NDList> newPredictor() {
        return model.newPredictor(new NoopTranslator());
    }

    /** The model's root manager: sessions' managers and predictors hang off it while open. */
    NDManager rootManager() {
        return model.getNDManager();
    }

    /** A manager for tensors that outlive one run; outputs of a run join the first input's manager. */
    NDManager newManager() {
        return model.getNDManager().newSubManager();
    }

    /**
     * Runs the file with its inputs picked by name from {@code available}; every array fed is named
     * after the input it fills. The outputs are attached to the manager of the first input.
     */
    NDList run(Predictor<NDList, NDList> predictor, Map<String, NDArray> available) {
        List<NDArray> feed = new ArrayList<>(inputNames.size());
        for (String name : inputNames) {
            NDArray array = available.get(name);
            if (array == null) {
                throw new InferenceException(file, "no value for input " + name + " (inputs " + inputNames + ")");
            }
            array.setName(name);
            feed.add(array);
        }
        try {
            return predictor.predict(new NDList(feed));
        } catch (TranslateException | RuntimeException e) {
            Throwable cause = e instanceof TranslateException && e.getCause() != null ? e.getCause() : e;
            throw new InferenceException(file, "run failed: " + cause.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
