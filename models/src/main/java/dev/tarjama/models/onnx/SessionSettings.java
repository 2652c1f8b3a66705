package dev.tarjama.models.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * ONNX Runtime session settings: Tarjama's defaults, chosen by measurement (docs/benchmarks.md,
 * "ONNX Runtime session settings"), under {@link ModelOptions#sessionSettings()}.
 *
 * <p>Keys: {@code optimization} ({@code disabled|basic|extended|all}), {@code memory_pattern} and
 * {@code cpu_arena} ({@code true|false}), {@code profile_dir} (a folder: every session writes ONNX
 * Runtime's own per-node trace there when it closes, read by {@link OrtProfile}), and any ONNX
 * Runtime session configuration key ({@code session.*}, e.g. {@code
 * session.intra_op.allow_spinning=0}), passed through as it is.
 */
public final class SessionSettings {

    /**
     * What the measurements chose; everything else is ONNX Runtime's default. Worker threads that
     * spin between ONNX Runtime's parallel sections burn a core that another task, process or this
     * search's own Java work needs: without spinning, tokens per CPU-second rose 1.6-1.7x.
     */
    static final Map<String, String> DEFAULTS = Map.of("session.intra_op.allow_spinning", "0");

    /** ONNX Runtime's own defaults for the settings Tarjama measures. */
    public static final Map<String, String> ORT_DEFAULTS = Map.of(
            "optimization", "all",
            "memory_pattern", "true",
            "cpu_arena", "true",
            "session.intra_op.allow_spinning", "1",
            "session.set_denormal_as_zero", "0",
            "session.intra_op_thread_affinities", "");

    /** The key whose value is a folder for ONNX Runtime's profiles. */
    public static final String PROFILE_DIR = "profile_dir";

    /** Tells apart the traces of sessions of the same file opened in the same second. */
    private static final AtomicInteger PROFILED = new AtomicInteger();

    private SessionSettings() {}

    /** Rejects a key or value that {@link #options} could not apply. */
    static void check(String key, String value) {
        if (key == null || value == null) {
            throw new IllegalArgumentException("session setting key and value must not be null");
        }
        switch (key) {
            case "optimization" -> optLevel(value);
            case "memory_pattern", "cpu_arena" -> bool(key, value);
            case PROFILE_DIR -> {
                if (value.isBlank()) {
                    throw new IllegalArgumentException(PROFILE_DIR + " takes a folder");
                }
            }
            default -> {
                if (!key.startsWith("session.") || key.length() == "session.".length()) {
                    throw new IllegalArgumentException("unknown ONNX Runtime session setting '" + key
                            + "': use optimization, memory_pattern, cpu_arena, profile_dir or an ONNX Runtime session.* key");
                }
            }
        }
    }

    /** Tarjama's defaults with {@code options}' settings over them, in key order. */
    public static Map<String, String> effective(ModelOptions options) {
        Map<String, String> settings = new TreeMap<>(DEFAULTS);
        settings.putAll(options.sessionSettings());
        return settings;
    }

    /**
     * New session options for the ONNX file {@code name} (its base name: a profile is named after
     * it); the caller closes them once the session exists.
     */
    static SessionOptions options(ModelOptions options, String name) throws OrtException {
        SessionOptions so = new SessionOptions();
        try {
            if (options.intraOpThreads() > 0) {
                so.setIntraOpNumThreads(options.intraOpThreads());
            }
            if (options.interOpThreads() > 0) {
                so.setInterOpNumThreads(options.interOpThreads());
            }
            for (Map.Entry<String, String> e : effective(options).entrySet()) {
                String key = e.getKey();
                String value = e.getValue();
                switch (key) {
                    case "optimization" -> so.setOptimizationLevel(optLevel(value));
                    case "memory_pattern" -> so.setMemoryPatternOptimization(bool(key, value));
                    case "cpu_arena" -> so.setCPUArenaAllocator(bool(key, value));
                    case PROFILE_DIR -> so.enableProfiling(profilePrefix(Path.of(value), name));
                    default -> so.addConfigEntry(key, value);
                }
            }
            return so;
        } catch (OrtException | RuntimeException e) {
            so.close();
            throw e;
        }
    }

    /** {@code dir/name.N}: ONNX Runtime adds the date and {@code .json} ({@link OrtProfile#fileOf}). */
    private static String profilePrefix(Path dir, String name) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the profile folder " + dir, e);
        }
        return dir.resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_") + "." + PROFILED.incrementAndGet()).toString();
    }

    private static OptLevel optLevel(String value) {
        return switch (value) {
            case "disabled" -> OptLevel.NO_OPT;
            case "basic" -> OptLevel.BASIC_OPT;
            case "extended" -> OptLevel.EXTENDED_OPT;
            case "all" -> OptLevel.ALL_OPT;
            default -> throw new IllegalArgumentException("optimization takes disabled, basic, extended or all, got '"
                    + value + "'");
        };
    }

    private static boolean bool(String key, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " takes true or false, got '" + value + "'");
        };
    }
}
