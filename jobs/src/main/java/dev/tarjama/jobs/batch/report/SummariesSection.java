package dev.tarjama.jobs.batch.report;

/**
 * The report's {@code summaries}: which method made each language's summary and why.
 *
 * @param en method of {@code summary_en}: {@code abstractive}, {@code extractive} or {@code none}
 * @param ar method of {@code summary_ar}: {@code extractive} or {@code none}
 * @param reason why {@code en} is what it is, e.g. {@code no summary model configured}
 * @param budget the extractive budget
 * @param modelDir abstractive runs only: the summarization model folder
 * @param longInput abstractive runs only: {@code summary.long_input}
 * @param seconds time in the summary stage, summed over task threads (part of the translate stage)
 */
public record SummariesSection(String en, String ar, String reason, String budget, String modelDir,
        String longInput, double seconds) {}
