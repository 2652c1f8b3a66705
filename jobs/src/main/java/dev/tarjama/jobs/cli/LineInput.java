package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The optional input file of a one-line-in, one-line-out command ({@code FILE} or {@code -}), a mixin. */
public final class LineInput {

    @Parameters(arity = "0..1", paramLabel = "FILE", defaultValue = "-",
            description = "Input text, one item per line (UTF-8); - or nothing: standard input.")
    private String input;

    /** The input, checked to exist unless it is standard input. */
    String checked() {
        if (!input.equals("-") && !Files.isRegularFile(Path.of(input))) {
            throw new UsageException("input file not found: " + input);
        }
        return input;
    }
}
