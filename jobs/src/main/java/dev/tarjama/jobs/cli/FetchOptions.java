package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.jobs.models.DefaultModels;
import dev.tarjama.jobs.models.ModelStager;
import dev.tarjama.models.hub.CatalogEntry;
import dev.tarjama.models.hub.ModelCatalog;
import dev.tarjama.models.onnx.Precision;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The first-run fetch of {@code run}, {@code translate} and {@code summarize} (a mixin): without a
 * model folder they use the catalog's default model from the Hugging Face cache, fetched there on
 * first use ({@link DefaultModels}); and a model given as a file is a {@code models pack} zip,
 * unpacked once ({@link ModelStager}). Created by {@link CommandFactory} with the process
 * environment, where the hub settings come from.
 */
public final class FetchOptions {

    @Option(names = "--no-fetch", description = "Never download the default model on first use (as HF_HUB_OFFLINE=1).")
    private boolean noFetch;

    @Option(names = "--read-timeout", paramLabel = "SECONDS",
            description = "While fetching: drop and resume a download after this long without a byte."
                    + " Default: HF_HUB_DOWNLOAD_TIMEOUT, else 30.")
    private Double readTimeout;

    private final Map<String, String> env;

    public FetchOptions() {
        this(System.getenv());
    }

    FetchOptions(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** {@code --read-timeout} as a duration, or null when not given. */
    Duration readTimeout() {
        if (readTimeout == null) {
            return null;
        }
        if (!(readTimeout > 0)) {
            throw new UsageException("--read-timeout must be a positive number of seconds, got " + readTimeout);
        }
        return Duration.ofMillis(Math.round(readTimeout * 1000));
    }

    /** The default model of {@code task} from the cache, fetched unless {@code --no-fetch}; empty when neither. */
    Optional<Path> defaultModel(CatalogEntry.Task task, Precision precision, PrintWriter err) throws IOException {
        return DefaultModels.fromEnvironment(env, readTimeout(), err, System.console() != null)
                .find(task, precision, !noFetch).map(DefaultModels.Found::folder);
    }

    /**
     * The folder to load for {@code --model}: a folder as it is, a zip from {@code models pack}
     * unpacked once (verified), any other file refused saying what to do.
     */
    static Path modelFolder(Path model) throws IOException {
        if (Files.isDirectory(model)) {
            return model;
        }
        if (!Files.exists(model)) {
            throw new UsageException("model folder not found: " + model);
        }
        return ModelStager.forLocalUse().stage(model.toAbsolutePath().toUri().toString()).folder();
    }

    /** The usage error when no model was given and the default one is not in the cache. */
    UsageException noModel(CatalogEntry.Task task, String option) {
        String name;
        try {
            name = ModelCatalog.builtIn().defaultFor(task).map(CatalogEntry::name).orElse("NAME");
        } catch (IOException unreadable) {
            name = "NAME";
        }
        String why = noFetch ? " (--no-fetch)" : env.containsKey("HF_HUB_OFFLINE") ? " (HF_HUB_OFFLINE)" : "";
        return new UsageException("no " + option + " given, and the default model " + name + " is not in the Hugging"
                + " Face cache" + why + ": give " + option + ", or fetch it with 'tarjama models fetch --name " + name
                + "'");
    }
}
