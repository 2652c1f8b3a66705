package dev.tarjama.jobs.newsletter;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Renders a {@link NewsletterView} with Mustache templates: the bundled ones under
 * {@code newsletter/} on the class path, or the same file names in a folder of the editor's own.
 * Each format gets its own factory so that {@code {{value}}} is escaped for that format.
 */
public final class NewsletterRenderer {
    /** Class-path folder of the bundled templates. */
    public static final String BUNDLED = "newsletter";

    private final Map<NewsletterFormat, Mustache> templates = new EnumMap<>(NewsletterFormat.class);

    /** The bundled templates. */
    public NewsletterRenderer() {
        this(null);
    }

    /** Templates from {@code folder}, or the bundled ones when it is null. */
    public NewsletterRenderer(Path folder) {
        if (folder != null && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("template folder " + folder + " does not exist");
        }
        for (NewsletterFormat format : NewsletterFormat.values()) {
            templates.put(format, factory(folder, format).compile(format.templateName()));
        }
    }

    public String render(NewsletterFormat format, NewsletterView view) {
        StringWriter out = new StringWriter();
        templates.get(format).execute(out, view);
        return out.toString();
    }

    private static MustacheFactory factory(Path folder, NewsletterFormat format) {
        if (folder == null) {
            return new DefaultMustacheFactory(BUNDLED) {
                @Override
                public void encode(String value, Writer writer) {
                    format.encode(value, writer);
                }
            };
        }
        return new DefaultMustacheFactory(folder.toFile()) {
            @Override
            public void encode(String value, Writer writer) {
                format.encode(value, writer);
            }
        };
    }
}
