package dev.tarjama.jobs.exec;

import java.util.Locale;

/** How one language's summary is made; the lowercase name is what the row's method column records. */
public enum SummaryMethod {
    /** Written by the BART summarization model from the English translation. */
    ABSTRACTIVE,
    /** The top-ranked Arabic sentences (and, for English, exactly their translated segments). */
    EXTRACTIVE,
    /** No summary: the columns stay null. */
    NONE;

    /** The value of {@code summary_method_en/ar}: the lowercase name, null for {@link #NONE}. */
    public String column() {
        return this == NONE ? null : name().toLowerCase(Locale.ROOT);
    }

    /** The lowercase name, as configuration and the run report write it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
