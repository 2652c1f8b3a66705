package dev.tarjama.models.hub;

import dev.tarjama.models.integrity.AtomicFiles;
import dev.tarjama.models.integrity.HubSnapshot;
import dev.tarjama.models.integrity.Manifest;
import dev.tarjama.models.integrity.ModelFolders;
import dev.tarjama.models.integrity.ModelVerifier;
import dev.tarjama.models.tokenizer.MarianTokenizerBuilder;
import dev.tarjama.models.tokenizer.TextTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tarjama models prepare}: turns a model folder into a self-contained one Tarjama can load
 * and ship: plain files (no links into a cache), a {@code tokenizer.json} that the native library
 * accepts, and a fresh {@code manifest.json}. The output is built beside its destination and
 * renamed into place, so it is either complete or absent.
 */
public final class ModelPreparer {

    /**
     * What prepare did.
     *
     * @param folder the prepared folder
     * @param actions what was done, one line each, for the command's output
     * @param marian the tokenizer build report, when {@code tokenizer.json} was written from spm files
     */
    public record Result(Path folder, List<String> actions, MarianTokenizerBuilder.Report marian) {}

    private ModelPreparer() {}

    /**
     * Prepares {@code source} into {@code out}. A source with a manifest is verified first (an
     * altered download is not silently re-blessed); {@code out} must not exist unless
     * {@code replace}.
     */
    public static Result prepare(Path source, Path out, boolean replace) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new HubException("model folder " + source + " does not exist");
        }
        Path src = source.toRealPath();
        Path dest = out.toAbsolutePath().normalize();
        if (dest.startsWith(src) || src.startsWith(dest)) {
            throw new HubException("--out " + out + " must be outside the source folder " + source + " (and not contain it)");
        }
        if (Files.exists(dest) && !replace) {
            throw new HubException(out + " already exists; remove it or pass --force");
        }
        List<String> actions = new ArrayList<>();
        Manifest origin = null;
        if (Manifest.exists(src) || HubSnapshot.of(src).isPresent()) {
            origin = ModelVerifier.verify(src);
            actions.add("verified " + origin.files().size() + " files of " + origin.repo() + "@" + origin.commit());
        }
        Files.createDirectories(dest.getParent());
        Path tmp = AtomicFiles.uniqueSibling(dest, ".incomplete");
        try {
            Files.createDirectories(tmp);
            List<String> files = ModelFolders.files(src);
            ModelFolders.copy(src, files, tmp);
            actions.add("copied " + files.size() + " files");
            MarianTokenizerBuilder.Report marian = tokenizer(tmp, actions);
            checkTokenizerLoads(tmp.resolve("tokenizer.json"));
            Manifest m = ModelFolders.describe(tmp,
                    origin != null ? origin.repo() : "local",
                    origin != null ? origin.revision() : "",
                    origin != null ? origin.commit() : "",
                    "prepare:" + src);
            m.write(tmp);
            publish(tmp, dest);
            actions.add("wrote " + dest + " with " + m.files().size() + " files and " + Manifest.FILE_NAME);
            return new Result(dest, actions, marian);
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }

    private static MarianTokenizerBuilder.Report tokenizer(Path folder, List<String> actions) throws IOException {
        Path tokenizerJson = folder.resolve("tokenizer.json");
        if (Files.isRegularFile(tokenizerJson)) {
            repairIfNeeded(tokenizerJson, actions);
            return null;
        }
        if (Files.isRegularFile(folder.resolve("source.spm")) && Files.isRegularFile(folder.resolve("vocab.json"))) {
            MarianTokenizerBuilder.Report r = MarianTokenizerBuilder.writeTokenizerJson(folder);
            actions.add("wrote tokenizer.json from source.spm and vocab.json (" + r.vocabSize() + " ids, "
                    + r.targetOnly() + " target-only pieces" + (r.precompiledCharsmap() ? ", spm charsmap kept" : "")
                    + ")");
            if (!r.missingFromVocab().isEmpty()) {
                actions.add("warning: " + r.missingFromVocab().size() + " source.spm pieces have no id in vocab.json"
                        + " and were left out (MarianTokenizer maps them to <unk>): "
                        + r.missingFromVocab().subList(0, Math.min(10, r.missingFromVocab().size())));
            }
            return r;
        }
        throw new HubException(folder.getFileName() + ": no tokenizer.json, and no source.spm + vocab.json to build"
                + " one from");
    }

    /**
     * The transformers.js null-charsmap repair, done once here so that a prepared folder needs none
     * at load time: {@link TextTokenizer} detects and repairs the file before the native library
     * sees it, and the repaired copy it loaded from replaces the file.
     */
    private static void repairIfNeeded(Path tokenizerJson, List<String> actions) throws IOException {
        try (TextTokenizer t = TextTokenizer.load(tokenizerJson)) {
            if (t.repaired()) {
                Files.copy(t.loadedFile(), tokenizerJson, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                actions.add("repaired tokenizer.json: Precompiled normalizer with a null charsmap replaced by "
                        + "SentencePiece's nmt_nfkc rule (see docs/models.md)");
            }
        }
    }

    private static void checkTokenizerLoads(Path tokenizerJson) throws IOException {
        try (TextTokenizer t = TextTokenizer.load(tokenizerJson)) {
            t.encode("اختبار");
        } catch (RuntimeException e) {
            throw new HubException("the prepared tokenizer.json does not load: " + e.getMessage(), e);
        }
    }

    private static void publish(Path tmp, Path dest) throws IOException {
        if (!Files.exists(dest)) {
            Files.move(tmp, dest, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = AtomicFiles.uniqueSibling(dest, ".replaced");
        Files.move(dest, old, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, dest, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.deleteTree(old);
    }
}
