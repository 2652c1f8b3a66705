package dev.tarjama.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.support.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed bash completion script is what the command tree generates, and bash completes with
 * it. After changing options: {@code -Dcompletion.update=true} rewrites the script (review the diff).
 */
class CompletionScriptTest {

    @Test
    void theCommittedScriptIsUpToDate() throws Exception {
        Path committed = TestPaths.repoRoot().resolve(Completion.SCRIPT);
        String generated = Completion.script();
        if (Boolean.getBoolean("completion.update")) {
            Files.writeString(committed, generated, StandardCharsets.UTF_8);
        }
        assertEquals(generated, Files.readString(committed, StandardCharsets.UTF_8),
                Completion.SCRIPT + " is stale: rerun this test with -Dcompletion.update=true");
    }

    @Test
    void bashCompletesCommandsOptionsAndValues() throws Exception {
        Path script = TestPaths.repoRoot().resolve(Completion.SCRIPT);
        assertEquals("[run]", complete(script, "tarjama ru"));
        assertEquals("[--smoke]", complete(script, "./tarjama run --sm"));
        assertEquals("[fp32 int8]", complete(script, "tarjama models fetch --precision "));
        assertTrue(complete(script, "tarjama models ").contains("verify"));
    }

    /** What bash offers for {@code line} (cursor at its end), as {@code [a b]}. */
    private static String complete(Path script, String line) throws Exception {
        String words = line.endsWith(" ") ? line + "''" : line;
        String bash = "source '" + script + "' 2>/dev/null; COMP_LINE='" + line + "'; COMP_POINT=${#COMP_LINE};"
                + " COMP_WORDS=(" + words + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ));"
                + " _complete_tarjama 2>/dev/null; echo \"[${COMPREPLY[*]}]\"";
        Process p = new ProcessBuilder("bash", "-c", bash).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
