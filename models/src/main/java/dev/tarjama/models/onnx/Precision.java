package dev.tarjama.models.onnx;

import java.util.Locale;

/**
 * Which weights of a model folder to load or fetch: the fp32 files or their {@code _quantized}
 * (int8) twins. The one form of precision everywhere: catalog, command line, configuration, specs.
 */
public enum Precision {
    FP32("fp32", ""),
    INT8("int8", "_quantized");

    private final String id;
    private final String suffix;

    Precision(String id, String suffix) {
        this.id = id;
        this.suffix = suffix;
    }

    /** The name used in the catalog, the configuration and on the command line. */
    public String id() {
        return id;
    }

    /** The ONNX file name for a base name such as {@code encoder_model}. */
    public String fileName(String baseName) {
        return baseName + suffix + ".onnx";
    }

    /** Parses {@code fp32} or {@code int8} (also {@code float32}, {@code quantized}, {@code q8}), any case. */
    public static Precision parse(String text) {
        switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "fp32":
            case "float32":
                return FP32;
            case "int8":
            case "quantized":
            case "q8":
                return INT8;
            default:
                throw new IllegalArgumentException("unknown precision '" + text + "'; expected fp32 or int8");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
