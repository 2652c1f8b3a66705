package dev.tarjama.models.hub;

import dev.tarjama.models.integrity.Hashing;
import dev.tarjama.models.onnx.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One model of the catalog: where it lives on the hub, at which pinned revision, and which files
 * make it up for each precision.
 *
 * @param name short name used on the command line ({@code opus-mt-ar-en})
 * @param task what the model is for
 * @param repo hub repository, {@code org/name}
 * @param revision the pinned revision (a commit id, or a branch or tag)
 * @param revisionVerified false while nobody with network access has checked the pin
 * @param layout {@code transformers.js} (ONNX under {@code onnx/}) or {@code optimum} (at the root)
 * @param commonFiles files every precision needs (config, tokenizer)
 * @param precisionFiles the ONNX files of each precision; a precision absent here is not offered
 * @param isDefault the model the job uses for its task when none is named
 * @param note free text shown by {@code models list}
 */
public record CatalogEntry(
        String name,
        Task task,
        String repo,
        String revision,
        boolean revisionVerified,
        String layout,
        List<String> commonFiles,
        Map<Precision, List<String>> precisionFiles,
        boolean isDefault,
        String note) {

    /** What a model does in the pipeline. */
    public enum Task {
        TRANSLATION,
        SUMMARIZATION
    }

    public CatalogEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(revision, "revision");
        commonFiles = List.copyOf(commonFiles);
        precisionFiles = Map.copyOf(precisionFiles);
        note = note == null ? "" : note;
    }

    /** Every file to fetch for this precision, common files first. */
    public List<String> files(Precision precision) {
        List<String> precise = precisionFiles.get(precision);
        if (precise == null) {
            throw new IllegalArgumentException(
                    name + " has no " + precision.id() + " files in the catalog; offered: " + precisionFiles.keySet());
        }
        List<String> all = new ArrayList<>(commonFiles);
        all.addAll(precise);
        return all;
    }

    /** True when the revision is a full 40-hex commit id, so the content it names cannot change. */
    public boolean pinnedToCommit() {
        return Hashing.isSha1(revision);
    }

    /**
     * The revision to fetch and to look up in the cache when none is given: the pin, or
     * {@code main} while the pin is the all-zero placeholder.
     */
    public String lookupRevision() {
        return placeholderRevision() ? "main" : revision;
    }

    /** True for the all-zero placeholder written where the real commit is not known yet. */
    public boolean placeholderRevision() {
        return revision.chars().allMatch(c -> c == '0');
    }
}
