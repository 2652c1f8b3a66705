package dev.tarjama.jobs.batch.report;

/**
 * The report's {@code throughput}: the translate stage as a whole, and the time inside model calls
 * (summed over task threads), so fixed Spark overhead and translation can be told apart.
 */
public record Throughput(
        long translatedArticles,
        double translateStageSeconds,
        double articlesPerS,
        double generatedTokensPerS,
        double modelCallSeconds,
        double articlesPerModelCallS) {

    /** The figures of {@code translated} articles and {@code generatedTokens} over a stage of {@code stageSeconds}. */
    public static Throughput of(long translated, long generatedTokens, double stageSeconds, long modelCallMillis) {
        double modelSeconds = modelCallMillis / 1000.0;
        return new Throughput(translated, stageSeconds,
                stageSeconds > 0 ? translated / stageSeconds : 0,
                stageSeconds > 0 ? generatedTokens / stageSeconds : 0,
                modelSeconds,
                modelCallMillis > 0 ? translated / modelSeconds : 0);
    }
}
