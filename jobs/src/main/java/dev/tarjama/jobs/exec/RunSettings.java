package dev.tarjama.jobs.exec;

import dev.tarjama.jobs.quality.QualitySettings;
import java.io.Serializable;

/** Per-run values every executor needs to build rows; travels in the closure beside the {@link ModelSpec}. */
public record RunSettings(
        String runId,
        long processedAtMillis,
        String generationHash,
        int batchArticles,
        QualitySettings quality) implements Serializable {}
