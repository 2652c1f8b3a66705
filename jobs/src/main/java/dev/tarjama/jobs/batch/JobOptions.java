package dev.tarjama.jobs.batch;

import dev.tarjama.jobs.exec.PipelineTranslatorFactory;

/**
 * How a run is set up beyond configuration keys.
 *
 * @param smoke translate with the bundled tiny model ({@code model.smoke.dir}) instead of the
 *     configured real one; loud in the log and recorded in the report
 * @param translatorFactory class name of the {@link dev.tarjama.jobs.exec.TranslatorFactory}
 */
public record JobOptions(boolean smoke, String translatorFactory) {

    public static JobOptions defaults(boolean smoke) {
        return new JobOptions(smoke, PipelineTranslatorFactory.class.getName());
    }

    public JobOptions withTranslatorFactory(String factoryClass) {
        return new JobOptions(smoke, factoryClass);
    }
}
