package dev.tarjama.models.onnx;

import dev.tarjama.models.ModelLoadException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files of one seq2seq model folder, in Optimum layout (ONNX files at the root) or
 * transformers.js layout (ONNX files under {@code onnx/}), with split or merged decoders.
 *
 * @param root the model folder (holds {@code config.json}, {@code tokenizer.json}, ...)
 * @param onnxDir where the ONNX files are: {@code root} or {@code root/onnx}
 * @param precision which ONNX variant was chosen
 * @param encoder {@code encoder_model.onnx}
 * @param decoder {@code decoder_model.onnx} when the split layout is used, else null
 * @param decoderWithPast {@code decoder_with_past_model.onnx} for split and cached, else null
 * @param decoderMerged {@code decoder_model_merged.onnx} when the merged layout is used, else null
 * @param config {@code config.json}
 * @param generationConfig {@code generation_config.json}, null when absent
 * @param tokenizer {@code tokenizer.json}, null when absent
 */
public record ModelFolder(
        Path root,
        Path onnxDir,
        Precision precision,
        Path encoder,
        Path decoder,
        Path decoderWithPast,
        Path decoderMerged,
        Path config,
        Path generationConfig,
        Path tokenizer) {

    static final String ENCODER = "encoder_model";
    static final String DECODER = "decoder_model";
    static final String DECODER_WITH_PAST = "decoder_with_past_model";
    static final String DECODER_MERGED = "decoder_model_merged";

    /** True when the decoder is {@code decoder_model_merged.onnx}. */
    public boolean merged() {
        return decoderMerged != null;
    }

    public Optional<Path> generationConfigFile() {
        return Optional.ofNullable(generationConfig);
    }

    public Optional<Path> tokenizerFile() {
        return Optional.ofNullable(tokenizer);
    }

    /** Detects the layout of {@code folder} and the files {@code options} ask for. */
    public static ModelFolder detect(Path folder, ModelOptions options) {
        Path root = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new ModelLoadException(root, null, "model folder does not exist or is not a directory");
        }
        Path config = root.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new ModelLoadException(root, config, "missing: every model folder needs config.json");
        }
        Precision precision = options.precision();
        Path onnxDir = findOnnxDir(root, precision);

        Path merged = existing(onnxDir.resolve(precision.fileName(DECODER_MERGED)));
        Path split = existing(onnxDir.resolve(precision.fileName(DECODER)));
        Path withPast = existing(onnxDir.resolve(precision.fileName(DECODER_WITH_PAST)));

        // AUTO prefers merged (one copy of the decoder weights in memory); a folder with only split
        // files is split even when incomplete, so that the error names the split file that is missing.
        boolean useMerged = switch (options.decoderLayout()) {
            case MERGED -> true;
            case SPLIT -> false;
            case AUTO -> merged != null || (split == null && withPast == null);
        };
        Path decoder = null;
        Path decoderWithPast = null;
        if (useMerged) {
            if (merged == null) {
                throw new ModelLoadException(root, onnxDir.resolve(precision.fileName(DECODER_MERGED)),
                        "missing: no decoder" + (options.decoderLayout() == DecoderLayout.AUTO
                                ? ": expected it or the split pair " + precision.fileName(DECODER) + " + "
                                        + precision.fileName(DECODER_WITH_PAST)
                                : " (decoder layout MERGED was asked for)"));
            }
        } else {
            decoder = require(root, onnxDir.resolve(precision.fileName(DECODER)),
                    "split decoder layout needs it");
            if (options.useCache()) {
                decoderWithPast = require(root, onnxDir.resolve(precision.fileName(DECODER_WITH_PAST)),
                        "split decoder layout with KV cache needs it");
            }
        }
        return new ModelFolder(root, onnxDir, precision, onnxDir.resolve(precision.fileName(ENCODER)),
                decoder, decoderWithPast, useMerged ? merged : null, config,
                existing(root.resolve("generation_config.json")), existing(root.resolve("tokenizer.json")));
    }

    private static Path findOnnxDir(Path root, Precision precision) {
        String encoder = precision.fileName(ENCODER);
        for (Path dir : new Path[] {root, root.resolve("onnx")}) {
            if (Files.isRegularFile(dir.resolve(encoder))) {
                return dir;
            }
        }
        Precision other = precision == Precision.FP32 ? Precision.INT8 : Precision.FP32;
        String hint = "";
        for (Path dir : new Path[] {root, root.resolve("onnx")}) {
            if (Files.isRegularFile(dir.resolve(other.fileName(ENCODER)))) {
                hint = "; " + root.relativize(dir.resolve(other.fileName(ENCODER)))
                        + " exists: choose precision " + other;
            }
        }
        throw new ModelLoadException(root, root.resolve(encoder),
                "missing: looked for " + encoder + " in the folder and in onnx/" + hint);
    }

    private static Path require(Path root, Path file, String why) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(root, file, "missing: " + why);
        }
        return file;
    }

    private static Path existing(Path file) {
        return Files.isRegularFile(file) ? file : null;
    }
}
