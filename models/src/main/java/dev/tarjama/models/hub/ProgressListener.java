package dev.tarjama.models.hub;

/** Told about download progress; implementations must be cheap (called every buffer). */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {};

    /**
     * What a fetch is about to do: {@code what} ({@code repo@commit}), how many files it needs,
     * how many of them must be downloaded, and their size.
     */
    default void planned(String what, int files, int toDownload, long bytes) {}

    /** A file starts (or resumes at {@code done} bytes). */
    default void started(String file, long done, long total) {}

    default void advanced(String file, long done, long total) {}

    default void finished(String file, long total) {}

    /** Something worth telling the user that is not an error (a resume, a retry, a re-fetch). */
    default void note(String message) {}
}
