package dev.tarjama.models.onnx;

/** Which weights of a model folder to load: the fp32 files or their {@code _quantized} (int8) twins. */
public enum Precision {
    FP32(""),
    INT8("_quantized");

    private final String suffix;

    Precision(String suffix) {
        this.suffix = suffix;
    }

    /** The ONNX file name for a base name such as {@code encoder_model}. */
    public String fileName(String baseName) {
        return baseName + suffix + ".onnx";
    }
}
