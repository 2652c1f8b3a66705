package dev.tarjama.jobs.cli;

import dev.tarjama.models.hub.HubSettings;
import dev.tarjama.models.hub.ModelCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the {@code models} actions find the catalog and the Hugging Face cache (a mixin). */
public final class HubOptions {

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "A model catalog to use instead of the bundled one (models/catalog.json).")
    private Path catalog;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "The Hugging Face hub cache. Default: HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub.")
    private Path cacheDir;

    ModelCatalog catalog() throws IOException {
        return catalog == null ? ModelCatalog.builtIn() : ModelCatalog.load(catalog);
    }

    /** Hub settings from the environment, then these options. */
    HubSettings.Builder settings(Map<String, String> env) throws IOException {
        HubSettings.Builder b = HubSettings.fromEnvironment(env);
        if (cacheDir != null) {
            b.optCacheDir(cacheDir);
        }
        return b;
    }
}
