package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.models.hub.CatalogEntry;
import dev.tarjama.models.hub.ConsoleProgress;
import dev.tarjama.models.hub.FetchResult;
import dev.tarjama.models.hub.HubSettings;
import dev.tarjama.models.hub.ModelCatalog;
import dev.tarjama.models.hub.ModelFetcher;
import dev.tarjama.models.hub.ModelPreparer;
import dev.tarjama.models.hub.ProgressListener;
import dev.tarjama.models.integrity.ModelVerifier;
import dev.tarjama.models.onnx.Precision;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code tarjama models list|fetch|verify|prepare|pack}: get the catalog's models from the
 * Hugging Face hub into its cache, check them, make self-contained folders and archives.
 * Results go to stdout (the last line of fetch, prepare and pack is the path made); progress and
 * notes go to stderr. The folder actions (verify, prepare, pack) are in {@link ModelFolderCommands}.
 */
@Command(name = "models",
        description = "Fetch the catalog's models from the Hugging Face hub, check them, make folders and archives.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Fetch.class, ModelFolderCommands.Verify.class,
            ModelFolderCommands.Prepare.class, ModelFolderCommands.Pack.class, ModelFolderCommands.Seal.class},
        footer = {"", "Environment: HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE, HF_HOME, HF_HUB_CACHE, TARJAMA_ALLOW_HTTP."})
public final class ModelsCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** The process environment the hub settings are read from (tests pass their own). */
    final Map<String, String> env;

    public ModelsCommand() {
        this(System.getenv());
    }

    ModelsCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "an action is required: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** {@code models list}: each catalog model and, per precision, whether the cache holds it verified. */
    @Command(name = "list", description = "List the catalog's models and, per precision, their state in the cache.")
    static final class ListModels implements Callable<Integer> {
        @ParentCommand
        private ModelsCommand parent;
        @Spec
        private CommandSpec spec;
        @Mixin
        private HubOptions hub;

        @Option(names = "--revision", paramLabel = "REV",
                description = "Look up this branch, tag or commit in the cache. Default: the catalog's pin, or main"
                        + " while it is unset.")
        private String revision;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            ModelCatalog catalog = hub.catalog();
            HubSettings settings = hub.settings(parent.env).build();
            ModelFetcher fetcher = new ModelFetcher(settings, ProgressListener.NONE);
            out.println("cache: " + settings.cacheDir() + (settings.offline() ? "  (offline)" : ""));
            for (CatalogEntry e : catalog.entries()) {
                out.printf(Locale.ROOT, "%s  %s%s  %s@%s%s%n", e.name(), e.task().name().toLowerCase(Locale.ROOT),
                        e.isDefault() ? " (default)" : "", e.repo(), shortRevision(e.revision()),
                        e.revisionVerified() ? "" : "  [pin unverified]");
                for (Precision p : e.precisionFiles().keySet().stream().sorted().toList()) {
                    out.println("    " + p.id() + ": " + state(fetcher, e, p, revision != null ? revision
                            : e.lookupRevision()));
                }
            }
            out.flush();
            return ExitCode.OK;
        }

        /** The cache's snapshot of the revision (followed through refs/), checked by blob names or manifest. */
        private static String state(ModelFetcher fetcher, CatalogEntry e, Precision p, String revision)
                throws IOException {
            List<String> files = e.files(p);
            Optional<String> commit = fetcher.cache().commitFor(e.repo(), revision);
            if (commit.isEmpty()) {
                return "not fetched (no " + (revision.length() == 40 ? "snapshot " : "refs/") + revision + ")";
            }
            Path snapshot = fetcher.cache().snapshot(e.repo(), commit.get());
            if (!Files.isDirectory(snapshot)) {
                return "not fetched";
            }
            List<ModelVerifier.Problem> problems = ModelVerifier.problems(snapshot, files);
            if (!problems.isEmpty()) {
                return "NOT VERIFIED: " + problems.get(0) + (problems.size() > 1 ? " (+" + (problems.size() - 1) + ")" : "")
                        + "  " + snapshot;
            }
            long bytes = 0;
            for (String f : files) {
                bytes += Files.size(snapshot.resolve(f));
            }
            return String.format(Locale.ROOT, "verified, %.1f MB, commit %s  %s", bytes / 1e6,
                    commit.get().substring(0, 12), snapshot);
        }

        private static String shortRevision(String revision) {
            return revision.length() == 40 ? revision.substring(0, 12) : revision;
        }
    }

    /** {@code models fetch}: download into the hub cache, verify, optionally prepare a folder. */
    @Command(name = "fetch", sortOptions = false,
            description = {"Download a catalog model into the Hugging Face cache, laid out as huggingface_hub does,"
                    + " and check every file against the hub's hash; print the snapshot folder.",
                "Without --name: the default translation and summarization models. Resumes after a dropped or"
                        + " stalled connection, resolves expired download URLs again, waits out rate limits."})
    static final class Fetch implements Callable<Integer> {
        @ParentCommand
        private ModelsCommand parent;
        @Spec
        private CommandSpec spec;

        @Option(names = "--name", paramLabel = "NAME", description = "The catalog model (see 'tarjama models list').")
        private String name;

        @Option(names = "--precision", paramLabel = "P", defaultValue = "fp32",
                completionCandidates = InferenceOptions.PrecisionIds.class,
                description = "Which weights: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
        private Precision precision;

        @Option(names = "--revision", paramLabel = "REV",
                description = "A branch, tag or commit instead of the catalog's pin (main, a tag, a commit).")
        private String revision;

        @Option(names = "--out", paramLabel = "DIR",
                description = "Also prepare a self-contained model folder there (needs --name).")
        private Path out;

        @Option(names = "--force", description = "With --out: replace an existing folder.")
        private boolean force;

        @Mixin
        private HubOptions hub;

        @Option(names = "--endpoint", paramLabel = "URL", description = "The hub's address. Default: HF_ENDPOINT,"
                + " else https://huggingface.co.")
        private String endpoint;

        @Option(names = "--allow-http", description = "Allow a plain-http endpoint (a local mirror; also TARJAMA_ALLOW_HTTP=1).")
        private boolean allowHttp;

        @Option(names = "--read-timeout", paramLabel = "SECONDS", description = "Drop and resume a download after this"
                + " long without a byte. Default: HF_HUB_DOWNLOAD_TIMEOUT, else 30.")
        private Double readTimeout;

        @Override
        public Integer call() throws IOException {
            ModelCatalog catalog = hub.catalog();
            List<CatalogEntry> entries = new ArrayList<>();
            if (name != null) {
                entries.add(catalog.get(name));
            } else {
                catalog.defaultFor(CatalogEntry.Task.TRANSLATION).ifPresent(entries::add);
                catalog.defaultFor(CatalogEntry.Task.SUMMARIZATION).ifPresent(entries::add);
            }
            if (out != null && entries.size() != 1) {
                throw new UsageException("--out needs one model: add --name");
            }
            HubSettings.Builder settings = hub.settings(parent.env);
            if (endpoint != null) {
                settings.optEndpoint(endpoint);
            }
            if (allowHttp) {
                settings.optAllowHttp(true);
            }
            if (readTimeout != null) {
                if (!(readTimeout > 0)) {
                    throw new UsageException("--read-timeout must be a positive number of seconds, got " + readTimeout);
                }
                settings.optReadTimeout(java.time.Duration.ofMillis(Math.round(readTimeout * 1000)));
            }
            ModelFetcher fetcher = new ModelFetcher(settings.build(), ConsoleProgress.stderr());
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            for (CatalogEntry e : entries) {
                FetchResult r = revision == null ? fetcher.fetch(e, precision) : fetcher.fetch(e, precision, revision);
                err.println(e.name() + " (" + precision.id() + "): " + e.repo() + " at commit " + r.commit()
                        + (r.fromCache() ? ", already in the cache" : ", " + r.downloaded().size() + " files downloaded")
                        + ", verified");
                if (!e.revisionVerified() && !e.placeholderRevision() && !r.commit().equals(e.revision())) {
                    err.println("  to pin it: set \"revision\": \"" + r.commit() + "\" for " + e.name() + " in the catalog");
                }
                Path last = r.folder();
                if (out != null) {
                    last = ModelPreparer.prepare(r.folder(), out, force).folder();
                }
                stdout.println(last);
            }
            stdout.flush();
            return ExitCode.OK;
        }
    }
}
