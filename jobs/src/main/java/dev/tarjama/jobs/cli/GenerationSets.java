package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.models.generate.GenerationConfig;
import dev.tarjama.models.translate.TranslatorSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code generation.*} keys given with {@code --set} to a command that runs one model without
 * Spark ({@code translate}, {@code summarize}, {@code bench}): checked as {@code run} checks them
 * ({@link JobConfig}), and applied over the command's own options, as {@code run}'s {@code --set}
 * is the last layer. A key of another part of the job is bad usage: these commands would ignore it.
 */
final class GenerationSets {

    private static final List<ConfigKey> KEYS = List.of(ConfigKey.GENERATION_NUM_BEAMS,
            ConfigKey.GENERATION_MAX_NEW_TOKENS, ConfigKey.GENERATION_MAX_LENGTH_PER_SOURCE_TOKEN,
            ConfigKey.GENERATION_MAX_LENGTH_OFFSET);

    private final JobConfig config;
    private final Set<ConfigKey> given;

    private GenerationSets(JobConfig config, Set<ConfigKey> given) {
        this.config = config;
        this.given = given;
    }

    /** The {@code --set} values of {@code command}; anything but a generation key is a usage error. */
    static GenerationSets of(SetOption set, String command) {
        Set<ConfigKey> given = EnumSet.noneOf(ConfigKey.class);
        for (String name : set.map().keySet()) {
            ConfigKey key = ConfigKey.byName(name);
            if (!KEYS.contains(key)) {
                throw new UsageException(command + " takes --set for " + KEYS.stream().map(ConfigKey::key)
                        .collect(Collectors.joining(", ")) + "; '" + name + "' is not one of them");
            }
            given.add(key);
        }
        return new GenerationSets(JobConfig.builder().sets(set.assignments()).build(), given);
    }

    OptionalInt numBeams() {
        return integer(ConfigKey.GENERATION_NUM_BEAMS);
    }

    OptionalInt maxNewTokens() {
        return integer(ConfigKey.GENERATION_MAX_NEW_TOKENS);
    }

    private OptionalInt integer(ConfigKey key) {
        return given.contains(key) ? OptionalInt.of(config.integer(key)) : OptionalInt.empty();
    }

    private boolean capGiven() {
        return given.contains(ConfigKey.GENERATION_MAX_LENGTH_PER_SOURCE_TOKEN)
                || given.contains(ConfigKey.GENERATION_MAX_LENGTH_OFFSET);
    }

    /** The translation spec with the given keys over what {@code spec} holds. */
    TranslatorSpec.Builder applyTo(TranslatorSpec.Builder spec) {
        numBeams().ifPresent(spec::optNumBeams);
        maxNewTokens().ifPresent(spec::optMaxNewTokens);
        if (capGiven()) {
            spec.optMaxLengthPerSourceToken(config.decimal(ConfigKey.GENERATION_MAX_LENGTH_PER_SOURCE_TOKEN))
                    .optMaxLengthOffset(config.integer(ConfigKey.GENERATION_MAX_LENGTH_OFFSET));
        }
        return spec;
    }

    /**
     * Generation settings with the given keys over {@code settings}; the source-length cap, which
     * only translation has by default, applies when one of its keys is given (the other then takes
     * the job's default).
     */
    GenerationConfig.Builder applyTo(GenerationConfig.Builder settings) {
        numBeams().ifPresent(settings::optNumBeams);
        maxNewTokens().ifPresent(settings::optMaxNewTokens);
        if (capGiven()) {
            settings.optMaxLengthRatio(config.decimal(ConfigKey.GENERATION_MAX_LENGTH_PER_SOURCE_TOKEN),
                    config.integer(ConfigKey.GENERATION_MAX_LENGTH_OFFSET));
        }
        return settings;
    }
}
