package dev.tarjama.jobs.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.AutoComplete;

/**
 * Writes the bash completion script of the command tree ({@code completion/tarjama.bash}), made by
 * picocli's {@link AutoComplete} from the same annotations as the parser, so it cannot drift:
 * {@code CompletionScriptTest} fails when the committed script is not what this generates.
 */
public final class Completion {
    /** The committed script, relative to the repository root. */
    public static final String SCRIPT = "completion/tarjama.bash";

    private Completion() {}

    /** The script's text. */
    public static String script() {
        return AutoComplete.bash("tarjama", Main.commandLine(System.out, System.err, Map.of()));
    }

    /** {@code Completion [FILE]}: writes the script to FILE (default {@value #SCRIPT}). */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : SCRIPT);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, script(), StandardCharsets.UTF_8);
        System.out.println(target);
    }
}
