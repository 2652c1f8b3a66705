package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.models.hub.CatalogEntry;
import dev.tarjama.models.hub.HubException;
import dev.tarjama.models.hub.ModelFetcher;
import dev.tarjama.models.hub.ModelPreparer;
import dev.tarjama.models.hub.ProgressListener;
import dev.tarjama.models.integrity.ArchivePacker;
import dev.tarjama.models.integrity.Manifest;
import dev.tarjama.models.integrity.ModelVerifier;
import dev.tarjama.models.onnx.Precision;
import java.io.IOException;
import java.io.PrintWriter;
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

        @Mixin
        private HubOptions hub;

        /** {@code --dir}, or the cached snapshot of {@code --name}. */
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
            Optional<String> commit = fetcher.cache().commitFor(e.repo(), e.revision());
            Path snapshot = commit.map(c -> fetcher.cache().snapshot(e.repo(), c)).orElse(null);
            if (snapshot == null || !Manifest.exists(snapshot)) {
                throw new HubException(name + " is not in the cache " + fetcher.cache().root()
                        + "; run 'tarjama models fetch --name " + name + "' first");
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

    /** {@code models verify}: re-check a folder against its manifest. */
    @Command(name = "verify", description = "Check a model folder's files against its manifest.json.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        private ModelsCommand parent;
        @Spec
        private CommandSpec spec;
        @Mixin
        private ModelChoice model;

        @Override
        public Integer call() throws IOException {
            Path folder = model.folder(parent.env);
            Manifest m = ModelVerifier.verify(folder, model.requiredFiles());
            PrintWriter out = spec.commandLine().getOut();
            out.println("verified " + m.files().size() + " files against " + folder.resolve(Manifest.FILE_NAME)
                    + " (" + m.repo() + (m.commit().isEmpty() ? "" : "@" + m.commit()) + ")");
            out.flush();
            return ExitCode.OK;
        }
    }

    /** {@code models prepare}: a self-contained folder (tokenizer.json made when missing) with a manifest. */
    @Command(name = "prepare", description = {"Make a self-contained model folder: copy, write tokenizer.json"
            + " when the export lacks one (Optimum Marian), write manifest.json; print the folder."})
    static final class Prepare implements Callable<Integer> {
        @ParentCommand
        private ModelsCommand parent;
        @Spec
        private CommandSpec spec;
        @Mixin
        private ModelChoice model;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to make.")
        private Path out;

        @Option(names = "--force", description = "Replace an existing folder.")
        private boolean force;

        @Override
        public Integer call() throws IOException {
            Path folder = model.folder(parent.env);
            model.checkRequiredFiles(folder);
            ModelPreparer.Result r = ModelPreparer.prepare(folder, out, force);
            PrintWriter err = spec.commandLine().getErr();
            r.actions().forEach(err::println);
            err.flush();
            spec.commandLine().getOut().println(r.folder());
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }

    /** {@code models pack}: a zip for {@code spark-submit --archives}. */
    @Command(name = "pack", description = "Pack a verified model folder into a zip for spark-submit --archives;"
            + " print the zip's path.")
    static final class Pack implements Callable<Integer> {
        @ParentCommand
        private ModelsCommand parent;
        @Spec
        private CommandSpec spec;
        @Mixin
        private ModelChoice model;

        @Option(names = "--out", required = true, paramLabel = "FILE.zip", description = "The zip file to write.")
        private Path zip;

        @Override
        public Integer call() throws IOException {
            if (!zip.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                throw new UsageException("--out must name a .zip file");
            }
            Path folder = model.folder(parent.env);
            model.checkRequiredFiles(folder);
            Manifest m = ArchivePacker.pack(folder, zip);
            String stem = stem(zip);
            PrintWriter err = spec.commandLine().getErr();
            err.println("packed " + m.files().size() + " files and " + Manifest.FILE_NAME + "; ship it with "
                    + "spark-submit --archives " + zip + "#" + stem + " and use the model folder ./" + stem);
            err.flush();
            spec.commandLine().getOut().println(zip.toAbsolutePath());
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }

        private static String stem(Path zip) {
            String n = zip.getFileName().toString();
            return n.substring(0, n.length() - 4);
        }
    }
}
