package dev.tarjama.jobs.quality;

import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import java.io.Serializable;

/** Thresholds of the quality flags, from {@code quality.*}. */
public record QualitySettings(double lengthRatioMin, double lengthRatioMax, int lengthRatioMinChars,
        int repetitionMinRepeats) implements Serializable {

    public static QualitySettings of(JobConfig config) {
        return new QualitySettings(
                config.decimal(ConfigKey.QUALITY_LENGTH_RATIO_MIN),
                config.decimal(ConfigKey.QUALITY_LENGTH_RATIO_MAX),
                config.integer(ConfigKey.QUALITY_LENGTH_RATIO_MIN_CHARS),
                config.integer(ConfigKey.QUALITY_REPETITION_MIN_REPEATS));
    }
}
