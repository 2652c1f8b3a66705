package dev.tarjama.models.generate;

/** When beam search considers a source row done: Hugging Face's {@code early_stopping} values. */
public enum EarlyStopping {
    /** {@code true}: as soon as the row has {@code numBeams} finished hypotheses. */
    WHEN_FULL,
    /** {@code false}: when no running beam can beat the worst kept hypothesis at the current length. */
    HEURISTIC,
    /**
     * {@code "never"}: only when no running beam can beat it at any length it may still reach (with
     * a positive length penalty the longest, the row's max length, bounds it).
     */
    NEVER;

    /** The value HF's boolean {@code early_stopping} stands for. */
    public static EarlyStopping of(boolean hfValue) {
        return hfValue ? WHEN_FULL : HEURISTIC;
    }
}
