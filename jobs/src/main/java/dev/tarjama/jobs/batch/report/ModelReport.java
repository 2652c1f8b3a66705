package dev.tarjama.jobs.batch.report;

import java.util.List;

/**
 * One entry of the report's {@code models}: a model the run used, by role.
 *
 * @param role {@code translation} or {@code summary}
 * @param dir the configured model folder
 * @param verification how its files are checked before load: {@code manifest}, {@code hub-cache}
 *     or {@code unverified} (a folder nothing describes, loaded with a warning); null when only the
 *     executors can see the folder ({@code --archives})
 * @param smoke translation only: the bundled tiny model of {@code --smoke}; null for other roles
 * @param generationHash translation only: the settings hash rows record; null for other roles
 * @param names the names and revisions the rows record (the loaded models' own)
 */
public record ModelReport(String role, String dir, String verification, Boolean smoke, String generationHash,
        List<ModelName> names) {

    public ModelReport {
        names = List.copyOf(names);
    }

    /** An entry whose verification is not known. */
    public ModelReport(String role, String dir, Boolean smoke, String generationHash, List<ModelName> names) {
        this(role, dir, null, smoke, generationHash, names);
    }
}
