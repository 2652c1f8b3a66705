package dev.tarjama.models.hub;

import java.util.Locale;

/** Which set of ONNX weights a catalog entry fetches: full precision or int8-quantized. */
public enum WeightPrecision {
    FP32("fp32"),
    INT8("int8");

    private final String id;

    WeightPrecision(String id) {
        this.id = id;
    }

    /** The name used in the catalog and on the command line. */
    public String id() {
        return id;
    }

    /** Parses {@code fp32} or {@code int8} (also {@code quantized}, {@code q8}). */
    public static WeightPrecision parse(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
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
}
