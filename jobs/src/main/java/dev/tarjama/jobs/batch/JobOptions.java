package dev.tarjama.jobs.batch;

import dev.tarjama.jobs.exec.PipelineTranslatorFactory;
import dev.tarjama.jobs.exit.UsageException;
import java.util.regex.Pattern;

/**
 * How a run is set up beyond configuration keys.
 *
 * @param smoke translate with the bundled tiny model ({@code model.smoke.dir}) instead of the
 *     configured real one; loud in the log and recorded in the report
 * @param translatorFactory class name of the {@link dev.tarjama.jobs.exec.TranslatorFactory}
 * @param runId the caller's id for the run (e.g. a scheduler's run id), or null for a generated
 *     {@code run-<time>-<random>}; it names the folder {@code <output>/_runs/<run_id>}, so it must be
 *     a safe folder name: see {@link #RUN_ID}
 * @param force commit even when the downgrade guard refuses ({@code run --force})
 */
public record JobOptions(boolean smoke, String translatorFactory, String runId, boolean force) {
    /**
     * A run id: 1 to 128 letters, digits, {@code . _ + -}, starting with a letter or digit (no
     * {@code /}, no {@code ..}, no {@code :}, which Hadoop paths refuse).
     */
    public static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");

    public JobOptions {
        if (runId != null && (!RUN_ID.matcher(runId).matches() || runId.contains(".."))) {
            throw new UsageException("run id '" + runId + "' is not a safe folder name: use 1 to 128 letters,"
                    + " digits and . _ + - starting with a letter or digit (no '/', ':' or '..')");
        }
    }

    public static JobOptions defaults(boolean smoke) {
        return new JobOptions(smoke, PipelineTranslatorFactory.class.getName(), null, false);
    }

    public JobOptions withTranslatorFactory(String factoryClass) {
        return new JobOptions(smoke, factoryClass, runId, force);
    }

    /** These options with the caller's run id (validated; null for a generated one). */
    public JobOptions withRunId(String id) {
        return new JobOptions(smoke, translatorFactory, id, force);
    }

    /** These options with {@code run --force}: commit even when the downgrade guard refuses. */
    public JobOptions withForce(boolean commitAnyway) {
        return new JobOptions(smoke, translatorFactory, runId, commitAnyway);
    }
}
