package dev.tarjama.jobs.batch;

import dev.tarjama.jobs.exec.PipelineTranslatorFactory;
import dev.tarjama.jobs.exec.SummaryStage;

/**
 * How a run is set up beyond configuration keys.
 *
 * @param smoke translate with the bundled tiny model ({@code model.smoke.dir}) instead of the
 *     configured real one; loud in the log and recorded in the report
 * @param translatorFactory class name of the {@link dev.tarjama.jobs.exec.TranslatorFactory}
 * @param summaries the summary stage (none until the summaries issue fills it)
 */
public record JobOptions(boolean smoke, String translatorFactory, SummaryStage summaries) {

    public static JobOptions defaults(boolean smoke) {
        return new JobOptions(smoke, PipelineTranslatorFactory.class.getName(), SummaryStage.NONE);
    }

    public JobOptions withTranslatorFactory(String factoryClass) {
        return new JobOptions(smoke, factoryClass, summaries);
    }
}
