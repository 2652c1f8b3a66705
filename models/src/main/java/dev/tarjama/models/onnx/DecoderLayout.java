package dev.tarjama.models.onnx;

/** Which decoder files to use when a folder has more than one kind. */
public enum DecoderLayout {
    /** Merged if the folder has it (one set of decoder weights in memory), else split. */
    AUTO,
    /** {@code decoder_model_merged.onnx}, required. */
    MERGED,
    /** {@code decoder_model.onnx} + {@code decoder_with_past_model.onnx}, required. */
    SPLIT
}
