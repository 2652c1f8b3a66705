package dev.tarjama.models.onnx;

import dev.tarjama.models.ModelLoadException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The tensor names of the Optimum seq2seq ONNX interface (docs/models.md, "ONNX interface"), and the check against them. */
final class OnnxInterface {

    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String LAST_HIDDEN_STATE = "last_hidden_state";
    static final String ENCODER_ATTENTION_MASK = "encoder_attention_mask";
    static final String ENCODER_HIDDEN_STATES = "encoder_hidden_states";
    static final String USE_CACHE_BRANCH = "use_cache_branch";
    static final String LOGITS = "logits";

    /** Which of the four files a name set describes. */
    enum Kind {
        ENCODER,
        DECODER,
        DECODER_WITH_PAST,
        DECODER_MERGED
    }

    private OnnxInterface() {}

    /** {@code past_key_values.{layer}.{decoder|encoder}.{key|value}}. */
    static String past(int layer, boolean encoder, boolean value) {
        return "past_key_values." + layer + suffix(encoder, value);
    }

    /** {@code present.{layer}.{decoder|encoder}.{key|value}}. */
    static String present(int layer, boolean encoder, boolean value) {
        return "present." + layer + suffix(encoder, value);
    }

    private static String suffix(boolean encoder, boolean value) {
        return (encoder ? ".encoder" : ".decoder") + (value ? ".value" : ".key");
    }

    static Set<String> inputs(Kind kind, int layers) {
        Set<String> names = new LinkedHashSet<>();
        switch (kind) {
            case ENCODER -> {
                names.add(INPUT_IDS);
                names.add(ATTENTION_MASK);
            }
            case DECODER -> {
                names.add(ENCODER_ATTENTION_MASK);
                names.add(INPUT_IDS);
                names.add(ENCODER_HIDDEN_STATES);
            }
            case DECODER_WITH_PAST -> {
                names.add(ENCODER_ATTENTION_MASK);
                names.add(INPUT_IDS);
                addCache(names, layers, true, true);
            }
            case DECODER_MERGED -> {
                names.add(ENCODER_ATTENTION_MASK);
                names.add(INPUT_IDS);
                names.add(ENCODER_HIDDEN_STATES);
                addCache(names, layers, true, true);
                names.add(USE_CACHE_BRANCH);
            }
        }
        return names;
    }

    static Set<String> outputs(Kind kind, int layers) {
        Set<String> names = new LinkedHashSet<>();
        if (kind == Kind.ENCODER) {
            names.add(LAST_HIDDEN_STATE);
            return names;
        }
        names.add(LOGITS);
        addCache(names, layers, false, kind != Kind.DECODER_WITH_PAST);
        return names;
    }

    private static void addCache(Set<String> names, int layers, boolean past, boolean withEncoder) {
        for (int i = 0; i < layers; i++) {
            for (boolean encoder : withEncoder ? new boolean[] {false, true} : new boolean[] {false}) {
                for (boolean value : new boolean[] {false, true}) {
                    names.add(past ? past(i, encoder, value) : present(i, encoder, value));
                }
            }
        }
    }

    /**
     * Checks that {@code actual} input names are exactly the expected ones; the error names the
     * file, what is missing or unexpected, and both full lists.
     */
    static void checkInputs(Path folder, Path file, Kind kind, int layers, Set<String> actual) {
        Set<String> expected = inputs(kind, layers);
        check(folder, file, kind, "inputs", expected, actual, layers);
    }

    /** Checks that every expected output is produced (extra outputs are tolerated and ignored). */
    static void checkOutputs(Path folder, Path file, Kind kind, int layers, Set<String> actual) {
        Set<String> expected = outputs(kind, layers);
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        if (!missing.isEmpty()) {
            check(folder, file, kind, "outputs", expected, actual, layers);
        }
    }

    private static void check(Path folder, Path file, Kind kind, String what, Set<String> expected,
            Set<String> actual, int layers) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<String> unexpected = new TreeSet<>(actual);
        unexpected.removeAll(expected);
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("missing " + missing);
        }
        if (!unexpected.isEmpty()) {
            problems.add("unexpected " + unexpected);
        }
        throw new ModelLoadException(folder, file, what + " do not match the " + kind.name().toLowerCase()
                + " interface for " + layers + " decoder layers: " + String.join(", ", problems)
                + "; expected " + expected + ", actual " + new TreeSet<>(actual));
    }
}
