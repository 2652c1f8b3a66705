package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.models.hub.CatalogEntry;
import dev.tarjama.models.hub.ConsoleProgress;
import dev.tarjama.models.hub.FetchResult;
import dev.tarjama.models.hub.HubException;
import dev.tarjama.models.hub.HubSettings;
import dev.tarjama.models.hub.ModelCatalog;
import dev.tarjama.models.hub.ModelFetcher;
import dev.tarjama.models.hub.ModelPreparer;
import dev.tarjama.models.hub.ProgressListener;
import dev.tarjama.models.integrity.ArchivePacker;
import dev.tarjama.models.integrity.Manifest;
import dev.tarjama.models.integrity.ModelVerifier;
import dev.tarjama.models.onnx.Precision;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code tarjama models list|fetch|verify|prepare|pack}: get the catalog's models from the
 * Hugging Face hub into its cache, check them, make self-contained folders and archives.
 * Results go to stdout (the last line of fetch, prepare and pack is the path made); progress and
 * notes go to stderr.
 */
public final class ModelsCommand {
    static final String USAGE = String.join("\n",
            "models list    [--catalog FILE] [--cache-dir DIR]",
            "models fetch   [--name NAME] [--precision fp32|int8] [--revision REV] [--out DIR] [--force]",
            "               [--catalog FILE] [--cache-dir DIR] [--endpoint URL] [--allow-http]",
            "models verify  --name NAME [--precision P] | --dir DIR",
            "models prepare --name NAME [--precision P] | --dir DIR   --out DIR [--force]",
            "models pack    --name NAME [--precision P] | --dir DIR   --out FILE.zip",
            "Environment: HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE, HF_HOME, HF_HUB_CACHE, TARJAMA_ALLOW_HTTP");
    private static final Set<String> OPTIONS =
            Set.of("catalog", "name", "precision", "cache-dir", "endpoint", "out", "dir", "revision");
    private static final Set<String> FLAGS = Set.of("allow-http", "force");

    private final Args args;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    private ModelsCommand(Args args, Map<String, String> env, PrintStream out, PrintStream err) {
        this.args = args;
        this.env = env;
        this.out = out;
        this.err = err;
    }

    public static int run(String[] argv) throws IOException {
        return run(argv, System.getenv(), System.out, System.err);
    }

    /** Runs with an explicit environment and streams (tests). */
    public static int run(String[] argv, Map<String, String> env, PrintStream out, PrintStream err) throws IOException {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")) {
            err.println("usage:\n" + USAGE);
            return argv.length == 0 ? ExitCode.USAGE : ExitCode.OK;
        }
        String action = argv[0];
        Args args = Args.parse(java.util.Arrays.copyOfRange(argv, 1, argv.length), OPTIONS, FLAGS);
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + args.positional().get(0) + "'");
        }
        ModelsCommand c = new ModelsCommand(args, env, out, err);
        return switch (action) {
            case "list" -> c.list();
            case "fetch" -> c.fetch();
            case "verify" -> c.verify();
            case "prepare" -> c.prepare();
            case "pack" -> c.pack();
            default -> throw new UsageException("unknown action '" + action + "'; expected list, fetch, verify,"
                    + " prepare or pack\n" + USAGE);
        };
    }

    private ModelCatalog catalog() throws IOException {
        String file = args.get("catalog", null);
        return file == null ? ModelCatalog.builtIn() : ModelCatalog.load(Path.of(file));
    }

    private HubSettings settings() throws IOException {
        HubSettings.Builder b = HubSettings.fromEnvironment(env);
        String endpoint = args.get("endpoint", null);
        if (endpoint != null) {
            b.optEndpoint(endpoint);
        }
        String cache = args.get("cache-dir", null);
        if (cache != null) {
            b.optCacheDir(Path.of(cache));
        }
        if (args.flag("allow-http")) {
            b.optAllowHttp(true);
        }
        return b.build();
    }

    private Precision precision() {
        return Args.precision(args.get("precision", "fp32"));
    }

    private int list() throws IOException {
        ModelCatalog catalog = catalog();
        HubSettings settings = settings();
        ModelFetcher fetcher = new ModelFetcher(settings, ProgressListener.NONE);
        out.println("cache: " + settings.cacheDir() + (settings.offline() ? "  (offline)" : ""));
        for (CatalogEntry e : catalog.entries()) {
            out.printf(Locale.ROOT, "%s  %s%s  %s@%s%s%n", e.name(), e.task().name().toLowerCase(Locale.ROOT),
                    e.isDefault() ? " (default)" : "", e.repo(), shortRevision(e.revision()),
                    e.revisionVerified() ? "" : "  [pin unverified]");
            for (Precision p : e.precisionFiles().keySet().stream().sorted().toList()) {
                out.println("    " + p.id() + ": " + state(fetcher, e, p));
            }
        }
        return ExitCode.OK;
    }

    private static String state(ModelFetcher fetcher, CatalogEntry e, Precision p) throws IOException {
        List<String> files = e.files(p);
        Optional<String> commit = fetcher.cache().commitFor(e.repo(), e.revision());
        if (commit.isEmpty()) {
            return "not fetched";
        }
        Path snapshot = fetcher.cache().snapshot(e.repo(), commit.get());
        if (!Manifest.exists(snapshot)) {
            return Files.isDirectory(snapshot) ? "incomplete (no manifest) " + snapshot : "not fetched";
        }
        Manifest m = Manifest.read(snapshot);
        List<ModelVerifier.Problem> problems = ModelVerifier.check(snapshot, m, files);
        if (!problems.isEmpty()) {
            return "NOT VERIFIED: " + problems.get(0) + (problems.size() > 1 ? " (+" + (problems.size() - 1) + ")" : "")
                    + "  " + snapshot;
        }
        long bytes = m.files().stream().filter(f -> files.contains(f.file())).mapToLong(Manifest.Entry::size).sum();
        return String.format(Locale.ROOT, "verified, %.1f MB  %s", bytes / 1e6, snapshot);
    }

    private static String shortRevision(String revision) {
        return revision.length() == 40 ? revision.substring(0, 12) : revision;
    }

    private int fetch() throws IOException {
        ModelCatalog catalog = catalog();
        List<CatalogEntry> entries = new ArrayList<>();
        String name = args.get("name", null);
        if (name != null) {
            entries.add(catalog.get(name));
        } else {
            catalog.defaultFor(CatalogEntry.Task.TRANSLATION).ifPresent(entries::add);
            catalog.defaultFor(CatalogEntry.Task.SUMMARIZATION).ifPresent(entries::add);
        }
        String out = args.get("out", null);
        if (out != null && entries.size() != 1) {
            throw new UsageException("--out needs one model: add --name");
        }
        ModelFetcher fetcher = new ModelFetcher(settings(), ConsoleProgress.stderr());
        Precision precision = precision();
        String revision = args.get("revision", null);
        Path last = null;
        for (CatalogEntry e : entries) {
            FetchResult r = revision == null ? fetcher.fetch(e, precision) : fetcher.fetch(e, precision, revision);
            err.println(e.name() + " (" + precision.id() + "): " + e.repo() + " at commit " + r.commit()
                    + (r.fromCache() ? ", already in the cache" : ", " + r.downloaded().size() + " files downloaded")
                    + ", verified");
            if (!e.revisionVerified() && !r.commit().equals(e.revision())) {
                err.println("  to pin it: set \"revision\": \"" + r.commit() + "\" for " + e.name() + " in the catalog");
            }
            last = r.folder();
            if (out != null) {
                last = ModelPreparer.prepare(r.folder(), Path.of(out), args.flag("force")).folder();
            }
            this.out.println(last);
        }
        return ExitCode.OK;
    }

    /** The folder an action works on: {@code --dir}, or the cached snapshot of {@code --name}. */
    private Path folder() throws IOException {
        String dir = args.get("dir", null);
        String name = args.get("name", null);
        if ((dir == null) == (name == null)) {
            throw new UsageException("give exactly one of --dir DIR or --name NAME");
        }
        if (dir != null) {
            Path p = Path.of(dir);
            if (!Files.isDirectory(p)) {
                throw new HubException("model folder " + p + " does not exist");
            }
            return p;
        }
        CatalogEntry e = catalog().get(name);
        ModelFetcher fetcher = new ModelFetcher(settings(), ProgressListener.NONE);
        Optional<String> commit = fetcher.cache().commitFor(e.repo(), e.revision());
        Path snapshot = commit.map(c -> fetcher.cache().snapshot(e.repo(), c)).orElse(null);
        if (snapshot == null || !Manifest.exists(snapshot)) {
            throw new HubException(name + " is not in the cache " + fetcher.cache().root()
                    + "; run 'tarjama models fetch --name " + name + "' first");
        }
        return snapshot;
    }

    private List<String> requiredFiles() throws IOException {
        String name = args.get("name", null);
        return name == null ? List.of() : catalog().get(name).files(precision());
    }

    /** With --name, the cached snapshot must hold the precision's files (prepare and pack verify the rest). */
    private void checkRequiredFiles(Path folder) throws IOException {
        if (args.get("name", null) != null) {
            ModelVerifier.verify(folder, requiredFiles());
        }
    }

    private int verify() throws IOException {
        Path folder = folder();
        Manifest m = ModelVerifier.verify(folder, requiredFiles());
        out.println("verified " + m.files().size() + " files against " + folder.resolve(Manifest.FILE_NAME)
                + " (" + m.repo() + (m.commit().isEmpty() ? "" : "@" + m.commit()) + ")");
        return ExitCode.OK;
    }

    private int prepare() throws IOException {
        args.require("out");
        Path folder = folder();
        checkRequiredFiles(folder);
        ModelPreparer.Result r = ModelPreparer.prepare(folder, Path.of(args.require("out")), args.flag("force"));
        r.actions().forEach(err::println);
        out.println(r.folder());
        return ExitCode.OK;
    }

    private int pack() throws IOException {
        Path zip = Path.of(args.require("out"));
        if (!zip.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            throw new UsageException("--out must name a .zip file");
        }
        Path folder = folder();
        checkRequiredFiles(folder);
        Manifest m = ArchivePacker.pack(folder, zip);
        err.println("packed " + m.files().size() + " files and " + Manifest.FILE_NAME + "; ship it with "
                + "spark-submit --archives " + zip + "#" + stem(zip) + " and use the model folder ./" + stem(zip));
        out.println(zip.toAbsolutePath());
        return ExitCode.OK;
    }

    private static String stem(Path zip) {
        String n = zip.getFileName().toString();
        return n.substring(0, n.length() - 4);
    }
}
