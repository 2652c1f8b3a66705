package dev.tarjama.jobs.cli;

import dev.tarjama.models.hub.CatalogEntry;
import dev.tarjama.models.hub.ModelCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the project version (written into a resource by the build) and the models of
 * the bundled catalog with their pinned revisions, so a bug report says what was run and fetched.
 */
final class Version implements IVersionProvider {
    private static final String RESOURCE = "/dev/tarjama/jobs/cli/version.properties";

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}; "unknown" outside a build. */
    static String project() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("tarjama " + project() + " (Java " + System.getProperty("java.version") + ")");
        lines.add("bundled model catalog:");
        for (CatalogEntry e : ModelCatalog.builtIn().entries()) {
            lines.add(String.format(Locale.ROOT, "  %-22s %-13s %s@%s%s", e.name(),
                    e.task().name().toLowerCase(Locale.ROOT), e.repo(), e.revision(),
                    e.revisionVerified() ? "" : " (pin unverified)"));
        }
        return lines.toArray(new String[0]);
    }
}
