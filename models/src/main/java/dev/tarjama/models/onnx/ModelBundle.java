package dev.tarjama.models.onnx;

import dev.tarjama.models.ModelLoadException;
import dev.tarjama.models.generate.GenerationConfig;
import dev.tarjama.models.generate.GenerationConfigReader;
import dev.tarjama.models.tokenizer.TextTokenizer;

import dev.tarjama.models.integrity.Manifest;
import dev.tarjama.models.integrity.ModelIntegrityException;
import dev.tarjama.models.integrity.ModelVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything one model folder provides, loaded and checked together: the detected files, {@code
 * config.json}, the tokenizer and the ONNX model. Closing it closes both native parts.
 */
public final class ModelBundle implements AutoCloseable {

    private final ModelFolder folder;
    private final ModelConfig config;
    private final TextTokenizer tokenizer;
    private final OnnxSeq2SeqModel model;

    private ModelBundle(ModelFolder folder, ModelConfig config, TextTokenizer tokenizer, OnnxSeq2SeqModel model) {
        this.folder = folder;
        this.config = config;
        this.tokenizer = tokenizer;
        this.model = model;
    }

    /**
     * Loads {@code folder}: detects its layout, reads {@code config.json}, loads {@code
     * tokenizer.json} (repairing it if needed) and checks it against {@code vocab_size}, then loads
     * and probes the ONNX files. Any problem is one {@link ModelLoadException} naming the file.
     */
    public static ModelBundle load(Path folder, ModelOptions options) {
        verifyManifest(folder);
        ModelFolder files = ModelFolder.detect(folder, options);
        ModelConfig config = ModelConfig.read(files.config());
        Path tokenizerFile = files.tokenizerFile().orElseThrow(() -> new ModelLoadException(files.root(),
                files.root().resolve("tokenizer.json"), "missing: Tarjama needs tokenizer.json (Optimum Marian"
                        + " exports carry only source.spm/target.spm/vocab.json: convert them first)"));
        TextTokenizer tokenizer = TextTokenizer.load(tokenizerFile, config.vocabSize(), files.config());
        try {
            return new ModelBundle(files, config, tokenizer, OnnxSeq2SeqModel.load(files, config, options));
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /**
     * A folder with a manifest, or a Hugging Face cache snapshot, is re-hashed before anything
     * native reads it, so an altered or half-copied model is refused; one with neither loads with
     * a warning ({@link ModelVerifier#verifyForLoad}).
     */
    private static void verifyManifest(Path folder) {
        try {
            ModelVerifier.verifyForLoad(folder);
        } catch (IOException e) {
            String file = e instanceof ModelIntegrityException m && m.file() != null ? m.file() : Manifest.FILE_NAME;
            Path root = folder.toAbsolutePath().normalize();
            throw new ModelLoadException(root, root.resolve(file), e.getMessage(), e);
        }
    }

    public ModelFolder folder() {
        return folder;
    }

    public ModelConfig config() {
        return config;
    }

    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    /** The model the search runs; shared by threads, one session per batch. */
    public OnnxSeq2SeqModel model() {
        return model;
    }

    public Path configFile() {
        return folder.config();
    }

    /** The folder's generation settings: {@code generation_config.json} over {@code config.json}. */
    public GenerationConfig generationConfig() {
        return GenerationConfigReader.read(configFile(), generationConfigFile().orElse(null));
    }

    /** {@code generation_config.json}, when the folder has one. */
    public Optional<Path> generationConfigFile() {
        return folder.generationConfigFile();
    }

    @Override
    public void close() {
        try {
            model.close();
        } finally {
            tokenizer.close();
        }
    }
}
