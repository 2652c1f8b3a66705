package dev.tarjama.jobs.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One command line through {@link Main#execute}, with its exit code, stdout lines and stderr captured. */
record CommandRun(int code, List<String> stdout, String stderr) {

    static CommandRun of(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = Main.execute(args, new PrintStream(err, true, StandardCharsets.UTF_8));
            return new CommandRun(code, out.toString(StandardCharsets.UTF_8).lines().toList(),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
