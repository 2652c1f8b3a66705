package dev.tarjama.jobs.newsletter;

import com.github.mustachejava.util.HtmlEscaper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The three renderings, each with its template file and how {@code {{value}}} is escaped in it:
 * HTML entities (Mustache's own escaper, which also covers quotes for attributes), Markdown
 * backslash escapes ({@link MarkdownText}), and none for plain text.
 */
public enum NewsletterFormat {
    HTML("newsletter.html") {
        @Override
        void encode(String value, Writer writer) {
            HtmlEscaper.escape(value, writer);
        }
    },
    MARKDOWN("newsletter.md") {
        @Override
        void encode(String value, Writer writer) {
            write(writer, MarkdownText.escape(value));
        }
    },
    TEXT("newsletter.txt") {
        @Override
        void encode(String value, Writer writer) {
            write(writer, value);
        }
    };

    private final String fileName;

    NewsletterFormat(String fileName) {
        this.fileName = fileName;
    }

    /** The output file's name, e.g. {@code newsletter.html}. */
    public String fileName() {
        return fileName;
    }

    /** The template's name: the output name plus {@code .mustache}. */
    public String templateName() {
        return fileName + ".mustache";
    }

    abstract void encode(String value, Writer writer);

    private static void write(Writer writer, String s) {
        try {
            writer.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
