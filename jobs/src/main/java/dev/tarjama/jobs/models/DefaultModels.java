package dev.tarjama.jobs.models;

import dev.tarjama.models.hub.CatalogEntry;
import dev.tarjama.models.hub.ConsoleProgress;
import dev.tarjama.models.hub.FetchResult;
import dev.tarjama.models.hub.HubClient;
import dev.tarjama.models.hub.HubException;
import dev.tarjama.models.hub.HubSettings;
import dev.tarjama.models.hub.HubUnreachableException;
import dev.tarjama.models.hub.ModelCatalog;
import dev.tarjama.models.hub.ModelFetcher;
import dev.tarjama.models.hub.ProgressListener;
import dev.tarjama.models.onnx.Precision;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The catalog's default model of a task, from the Hugging Face cache, fetched there on first use
 * as Hugging Face pipelines do: used by {@code run}, {@code translate} and {@code summarize} when
 * no model folder was given (or the configured one is the default folder and is missing).
 *
 * <ul>
 *   <li>A complete snapshot in the cache that verifies is used without contacting the hub.</li>
 *   <li>Otherwise, unless fetching is off ({@code --no-fetch}, {@code HF_HUB_OFFLINE=1}), one
 *       quick request checks that the hub can be reached; when it can, the model is fetched
 *       (saying what and how large, with progress on stderr); when it cannot, the caller keeps
 *       the message it gives without a model.</li>
 *   <li>Any other failure of the fetch (access, a missing file, a corrupt download) is an error:
 *       nothing else is ever used in the model's place.</li>
 * </ul>
 */
public final class DefaultModels {

    /**
     * Where the default model came from.
     *
     * @param folder the snapshot folder to load
     * @param entry the catalog model
     * @param fetched true when this call downloaded it
     */
    public record Found(Path folder, CatalogEntry entry, boolean fetched) {}

    private final HubSettings settings;
    private final ModelCatalog catalog;
    private final PrintWriter err;
    private final boolean terminal;

    /** {@code terminal}: {@code err} is a console, so the progress bar redraws in place. */
    public DefaultModels(HubSettings settings, ModelCatalog catalog, PrintWriter err, boolean terminal) {
        this.settings = settings;
        this.catalog = catalog;
        this.err = err;
        this.terminal = terminal;
    }

    /** With the bundled catalog and the settings the environment gives. */
    public static DefaultModels fromEnvironment(java.util.Map<String, String> env, java.time.Duration readTimeout,
            PrintWriter err, boolean terminal) throws IOException {
        HubSettings.Builder b = HubSettings.fromEnvironment(env);
        if (readTimeout != null) {
            b.optReadTimeout(readTimeout);
        }
        return new DefaultModels(b.build(), ModelCatalog.builtIn(), err, terminal);
    }

    /**
     * The default model of {@code task}: from the cache, or fetched when {@code fetch} allows and
     * the hub can be reached; empty when it is not in the cache and cannot be fetched (the
     * reason, when there is one, has been printed).
     */
    /** The catalog's default model of {@code task}, for messages. */
    public Optional<CatalogEntry> entry(CatalogEntry.Task task) {
        return catalog.defaultFor(task);
    }

    public Optional<Found> find(CatalogEntry.Task task, Precision precision, boolean fetch) throws IOException {
        Optional<CatalogEntry> entry = catalog.defaultFor(task);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        CatalogEntry e = entry.get();
        List<String> files = e.files(precision);
        ModelFetcher quiet = new ModelFetcher(settings, ProgressListener.NONE);
        Optional<Path> cached = quiet.cached(e.repo(), e.lookupRevision(), files);
        if (cached.isPresent()) {
            err.println("tarjama: using the default " + what(task) + " model " + e.name() + " (" + e.repo() + ", "
                    + precision.id() + ") from the Hugging Face cache: " + cached.get());
            return Optional.of(new Found(cached.get(), e, false));
        }
        if (!fetch || settings.offline()) {
            return Optional.empty();
        }
        try {
            new HubClient(settings.toBuilder().optAttempts(1).build()).head(e.repo(), e.lookupRevision(), files.get(0));
        } catch (HubUnreachableException unreachable) {
            err.println("tarjama: the default " + what(task) + " model " + e.name() + " is not in the Hugging Face"
                    + " cache and " + settings.endpoint() + " cannot be reached (" + unreachable.getMessage() + ")");
            return Optional.empty();
        } catch (HubException other) {
            // Answered, but not with the file: the fetch below reports it with its retries.
        }
        err.println("tarjama: first use: fetching the default " + what(task) + " model " + e.name() + " (" + e.repo()
                + ", " + precision.id() + ") into the Hugging Face cache " + settings.cacheDir()
                + " (--no-fetch or HF_HUB_OFFLINE=1 turns this off)");
        FetchResult r = new ModelFetcher(settings, progress()).fetch(e, precision);
        err.println("tarjama: " + e.name() + ": " + e.repo() + " at commit " + r.commit() + ", "
                + r.downloaded().size() + " files downloaded, verified: " + r.folder());
        return Optional.of(new Found(r.folder(), e, true));
    }

    private ProgressListener progress() {
        return new ConsoleProgress(err, terminal);
    }

    private static String what(CatalogEntry.Task task) {
        return task == CatalogEntry.Task.TRANSLATION ? "translation" : "summarization";
    }
}
