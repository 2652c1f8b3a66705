package dev.tarjama.jobs.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Input lines of a one-line-in, one-line-out command, handed over in groups: output streams while
 * the lines of a group still share model batches.
 */
final class LineGroups {

    /** What a command does with one group of lines, in input order. */
    @FunctionalInterface
    interface Group {
        void accept(List<String> lines) throws IOException;
    }

    private LineGroups() {}

    /** A UTF-8 reader over {@code input}, a file path or {@code -} for standard input. */
    static BufferedReader open(String input) throws IOException {
        return input.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
    }

    /** Reads every line of {@code in} and passes them on in groups of at most {@code size}. */
    static void forEach(BufferedReader in, int size, Group group) throws IOException {
        List<String> lines = new ArrayList<>(size);
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
            if (lines.size() == size) {
                group.accept(lines);
                lines.clear();
            }
        }
        if (!lines.isEmpty()) {
            group.accept(lines);
        }
    }

    /** Keeps the one-line-per-input contract even when an output holds paragraph breaks. */
    static String oneLine(String text) {
        return text.replace('\n', ' ').replaceAll(" {2,}", " ").strip();
    }
}
