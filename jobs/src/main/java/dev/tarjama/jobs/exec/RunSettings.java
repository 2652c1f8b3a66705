package dev.tarjama.jobs.exec;

import dev.tarjama.jobs.quality.QualitySettings;
import java.io.Serializable;

/**
 * Per-run values every executor needs to build rows; travels in the closure beside the {@link ModelSpec}.
 *
 * @param smoke a smoke run: the model name is recorded as {@code smoke:<name>} in every row
 */
public record RunSettings(
        String runId,
        boolean smoke,
        long processedAtMillis,
        String generationHash,
        int batchArticles,
        QualitySettings quality) implements Serializable {}
