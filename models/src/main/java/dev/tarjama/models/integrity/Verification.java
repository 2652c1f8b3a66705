package dev.tarjama.models.integrity;

import java.util.Locale;

/** How a model folder's files were checked before use; recorded in the run report. */
public enum Verification {
    /** Every file matched Tarjama's {@code manifest.json} (from fetch, prepare, pack or the generator). */
    MANIFEST,
    /** A Hugging Face cache snapshot: every file matched the hash its blob is named by. */
    HUB_CACHE,
    /** Nothing describes the files (a hand-made folder, or a snapshot of copies): loaded with a warning. */
    UNVERIFIED;

    /** {@code manifest}, {@code hub-cache} or {@code unverified}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean verified() {
        return this != UNVERIFIED;
    }
}
