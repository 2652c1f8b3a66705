package dev.tarjama.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad command lines exit 2 with one line naming the problem, before any Spark starts. */
class NewsletterCommandTest {
    @TempDir
    Path tmp;

    private static String[] run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(code), err.toString(StandardCharsets.UTF_8).strip()};
    }

    @Test
    void badUsageExitsTwoWithOneLine() {
        String in = tmp.toString();
        String[][] cases = {
            {"--input is required", "newsletter"},
            {"--from takes a date yyyy-MM-dd, got '2025-3-1'", "newsletter", "--input", in, "--from", "2025-3-1"},
            {"from 2025-03-05 is after to 2025-03-01", "newsletter", "--input", in, "--from", "2025-03-05", "--to", "2025-03-01"},
            {"--max takes an integer, got 'ten'", "newsletter", "--input", in, "--max", "ten"},
            {"max and per-source must be at least 1", "newsletter", "--input", in, "--per-source", "0"},
            {"similarity must be in (0, 1]", "newsletter", "--input", in, "--similarity", "1.5"},
            {"unknown option --since", "newsletter", "--input", in, "--since", "x"},
            {"is not a folder", "newsletter", "--input", tmp.resolve("missing").toString()},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            String[] result = run(args);
            assertEquals("2", result[0], String.join(" ", args) + ": " + result[1]);
            assertTrue(result[1].startsWith("tarjama newsletter: ") && result[1].contains(c[0]) && !result[1].contains("\n"),
                    result[1]);
        }
    }
}
