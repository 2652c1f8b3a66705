package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.models.hub.CatalogEntry;
import dev.tarjama.models.hub.HubException;
import dev.tarjama.models.hub.ModelFetcher;
import dev.tarjama.models.hub.ModelPreparer;
import dev.tarjama.models.hub.ProgressListener;
import dev.tarjama.models.integrity.ArchivePacker;
import dev.tarjama.models.integrity.HubSnapshot;
import dev.tarjama.models.integrity.Manifest;
import dev.tarjama.models.integrity.ModelFolders;
import dev.tarjama.models.integrity.ModelVerifier;
import dev.tarjama.models.integrity.Verification;
import dev.tarjama.models.onnx.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The {@code models} actions that work on one model folder: {@code verify}, {@code prepare}, {@code pack}. */
final class ModelFolderCommands {

    private ModelFolderCommands() {}

    /** {@code --name NAME [--precision P] | --dir DIR}: the folder an action works on (a mixin). */
    static final class ModelChoice {
        @Option(names = "--name", paramLabel = "NAME", description = "A catalog model, from the hub cache.")
        private String name;

        @Option(names = "--dir", paramLabel = "DIR", description = "A model folder (instead of --name).")
        private Path dir;

        @Option(names = "--precision", paramLabel = "P", defaultValue = "fp32",
                completionCandidates = InferenceOptions.PrecisionIds.class,
                description = "With --name: the weights that must be there (${COMPLETION-CANDIDATES})."
                        + " Default: ${DEFAULT-VALUE}.")
        private Precision precision;

        @Option(names = "--revision", paramLabel = "REV",
                description = "With --name: the branch, tag or commit to look up in the cache. Default: the catalog's"
                        + " pin, or main while it is unset.")
        private String revision;

        @Mixin
        private HubOptions hub;

        /** {@code --dir}, or the cached snapshot of {@code --name} (followed through refs/). */
        Path folder(Map<String, String> env) throws IOException {
            if ((dir == null) == (name == null)) {
                throw new UsageException("give exactly one of --dir DIR or --name NAME");
            }
            if (dir != null) {
                if (!Files.isDirectory(dir)) {
                    throw new HubException("model folder " + dir + " does not exist");
                }
                return dir;
            }
            CatalogEntry e = hub.catalog().get(name);
            ModelFetcher fetcher = new ModelFetcher(hub.settings(env).build(), ProgressListener.NONE);
            String rev = revision != null ? revision : e.lookupRevision();
            Optional<String> commit = fetcher.cache().commitFor(e.repo(), rev);
            Path snapshot = commit.map(c -> fetcher.cache().snapshot(e.repo(), c)).orElse(null);
            if (snapshot == null || !Files.isDirectory(snapshot)) {
                throw new HubException(name + " at " + rev + " is not in the cache " + fetcher.cache().root()
                        + "; run 'tarjama models fetch --name " + name + (revision != null ? " --revision " + revision
                        : "") + "' first");
            }
            return snapshot;
        }

        /** The files the precision needs: with --name from the catalog, else none beyond the manifest. */
        List<String> requiredFiles() throws IOException {
            return name == null ? List.of() : hub.catalog().get(name).files(precision);
        }

        /** With --name, the cached snapshot must hold the precision's files (prepare and pack verify the rest). */
        void checkRequiredFiles(Path folder) throws IOException {
            if (name != null) {
                ModelVerifier.verify(folder, requiredFiles());
            }
        }
    }

    /** What every folder action has: the models command (its environment), its own spec, the folder's options. */
    abstract static class FolderAction implements Callable<Integer> {
        @ParentCommand
        ModelsCommand parent;
        @Spec
        CommandSpec spec;
        @Mixin
        ModelChoice model;

        /** {@code --dir}, or the cached snapshot of {@code --name}. */
        Path folder() throws IOException {
            return model.folder(parent.env);
        }

        /** Writes the action's result (a path, a count) to stdout. */
        void result(Object line) {
            spec.commandLine().getOut().println(line);
            spec.commandLine().getOut().flush();
        }

        /** Writes a note to stderr. */
        void note(String line) {
            spec.commandLine().getErr().println(line);
            spec.commandLine().getErr().flush();
        }
    }

    /** {@code models verify}: re-check a folder against its manifest. */
    @Command(name = "verify", description = "Check a model folder's files against its manifest.json (a Hugging Face"
            + " cache snapshot: against the hashes its blobs are named by).")
    static final class Verify extends FolderAction {

        @Override
        public Integer call() throws IOException {
            Path folder = folder();
            Manifest m = ModelVerifier.verify(folder, model.requiredFiles());
            String against = ModelVerifier.kind(folder) == Verification.HUB_CACHE
                    ? "the hashes their cache blobs are named by" : folder.resolve(Manifest.FILE_NAME).toString();
            result("verified " + m.files().size() + " files against " + against + " (" + m.repo()
                    + (m.commit().isEmpty() ? "" : "@" + m.commit()) + ")");
            return ExitCode.OK;
        }
    }

    /** {@code models prepare}: a self-contained folder (tokenizer.json made when missing) with a manifest. */
    @Command(name = "prepare", description = {"Make a self-contained model folder: copy, write tokenizer.json"
            + " when the export lacks one (Optimum Marian), write manifest.json; print the folder."})
    static final class Prepare extends FolderAction {

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to make.")
        private Path out;

        @Option(names = "--force", description = "Replace an existing folder.")
        private boolean force;

        @Override
        public Integer call() throws IOException {
            Path folder = folder();
            model.checkRequiredFiles(folder);
            ModelPreparer.Result r = ModelPreparer.prepare(folder, out, force);
            r.actions().forEach(this::note);
            result(r.folder());
            return ExitCode.OK;
        }
    }

    /** {@code models pack}: a zip for {@code spark-submit --archives}. */
    @Command(name = "pack", description = "Pack a verified model folder into a zip for spark-submit --archives;"
            + " print the zip's path.")
    static final class Pack extends FolderAction {

        @Option(names = "--out", required = true, paramLabel = "FILE.zip", description = "The zip file to write.")
        private Path zip;

        @Override
        public Integer call() throws IOException {
            if (!zip.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                throw new UsageException("--out must name a .zip file");
            }
            Path folder = folder();
            model.checkRequiredFiles(folder);
            Manifest m = ArchivePacker.pack(folder, zip);
            String stem = stem(zip);
            note("packed " + m.files().size() + " files and " + Manifest.FILE_NAME + "; ship it with "
                    + "spark-submit --archives " + zip + "#" + stem + " and use the model folder ./" + stem);
            result(zip.toAbsolutePath());
            return ExitCode.OK;
        }

        private static String stem(Path zip) {
            String n = zip.getFileName().toString();
            return n.substring(0, n.length() - 4);
        }
    }

    /** {@code models seal}: describe a folder made by hand, so that it is verified from then on. */
    @Command(name = "seal", description = {"Write manifest.json describing a folder's files as they are now"
            + " (a model you exported yourself, or the tiny test models after regenerating them); print it.",
        "Check the files first: from then on the folder is refused if any of them changes."})
    static final class Seal implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The model folder.")
        private Path dir;

        @Option(names = "--source", paramLabel = "TEXT", description = "Where the files came from; its last"
                + " segment is the model's name in output rows. Default: DIR as given.")
        private String source;

        @Option(names = "--force", description = "Replace an existing manifest.json.")
        private boolean force;

        @Override
        public Integer call() throws IOException {
            if (!Files.isDirectory(dir)) {
                throw new HubException("model folder " + dir + " does not exist");
            }
            if (HubSnapshot.of(dir).isPresent()) {
                throw new UsageException(dir + " is a Hugging Face cache snapshot: it is checked by its blob names and"
                        + " needs no manifest");
            }
            if (Manifest.exists(dir) && !force) {
                throw new UsageException(dir + " already has " + Manifest.FILE_NAME + "; --force replaces it");
            }
            Manifest m = ModelFolders.describe(dir, "local", "", "", source != null ? source : dir.toString());
            m.write(dir);
            spec.commandLine().getErr().println("described " + m.files().size() + " files");
            spec.commandLine().getOut().println(dir.resolve(Manifest.FILE_NAME));
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }
}
