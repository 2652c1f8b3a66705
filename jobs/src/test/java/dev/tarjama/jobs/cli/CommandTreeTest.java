package dev.tarjama.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.exit.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/** Walks the whole command tree: help, version, suggestions and {@code --opt=value} on every command. */
class CommandTreeTest {

    /** Every command path below the root, e.g. {@code [models, fetch]}. */
    private static List<List<String>> commandPaths() {
        List<List<String>> out = new ArrayList<>();
        collect(tree(), new ArrayList<>(), out);
        return out;
    }

    private static CommandLine tree() {
        return Main.commandLine(System.out, System.err, Map.of());
    }

    private static void collect(CommandLine cmd, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        for (Map.Entry<String, CommandLine> sub : cmd.getSubcommands().entrySet()) {
            path.add(sub.getKey());
            collect(sub.getValue(), path, out);
            path.remove(path.size() - 1);
        }
    }

    private static CommandSpec spec(List<String> path) {
        CommandLine cmd = tree();
        for (String name : path) {
            cmd = cmd.getSubcommands().get(name);
        }
        return cmd.getCommandSpec();
    }

    private static CommandRun run(List<String> path, String... more) {
        List<String> args = new ArrayList<>(path);
        args.addAll(List.of(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new CommandRun(code, out.toString(StandardCharsets.UTF_8).lines().toList(),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyCommandAnswersHelpOnStdoutWithEveryOptionDescribed() {
        List<List<String>> paths = commandPaths();
        assertTrue(paths.size() >= 12, "root, six commands, five models actions: " + paths);
        for (List<String> path : paths) {
            CommandRun help = run(path, "--help");
            String text = String.join("\n", help.stdout());
            assertEquals(ExitCode.OK, help.code(), path + ": " + help.stderr());
            assertEquals("", help.stderr(), path + " writes help to stdout only");
            assertTrue(text.startsWith("Usage: tarjama" + (path.isEmpty() ? "" : " " + String.join(" ", path))),
                    path + ": " + text);
            for (OptionSpec option : spec(path).options()) {
                assertTrue(text.contains(option.longestName()), path + " help lists " + option.longestName());
                assertTrue(option.description().length > 0 && !option.description()[0].isBlank(),
                        path + " " + option.longestName() + " has a description");
            }
            assertFalse(text.contains("\u001b["), path + ": no ANSI escapes in help");
        }
    }

    @Test
    void everyCommandPrintsTheVersionAndTheBundledCatalog() {
        for (List<String> path : commandPaths()) {
            CommandRun version = run(path, "--version");
            assertEquals(ExitCode.OK, version.code(), path + ": " + version.stderr());
            assertTrue(version.stdout().get(0).matches("tarjama \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java .*\\)"),
                    version.stdout().toString());
            assertTrue(version.stdout().stream().anyMatch(l -> l.contains("opus-mt-ar-en")
                    && l.contains("Helsinki-NLP/opus-mt-ar-en@")), version.stdout().toString());
        }
    }

    @Test
    void everyOptionTakesItsValueAfterAnEqualsSign() {
        for (List<String> path : commandPaths()) {
            for (OptionSpec option : spec(path).options()) {
                if (option.arity().max() == 0 || option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                String arg = option.longestName() + "=" + sample(option);
                List<String> args = new ArrayList<>(path);
                args.add(arg);
                try {
                    tree().parseArgs(args.toArray(new String[0]));
                } catch (MissingParameterException e) {
                    // parsed; another option of the command is required
                } catch (ParameterException e) {
                    throw new AssertionError(String.join(" ", args) + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static String sample(OptionSpec option) {
        Class<?> type = option.auxiliaryTypes().length > 0 ? option.auxiliaryTypes()[0] : option.type();
        if (type == int.class || type == Integer.class) {
            return "1";
        }
        if (type == double.class || type == Double.class) {
            return "0.5";
        }
        if (type == java.time.LocalDate.class) {
            return "2025-03-01";
        }
        if (option.completionCandidates() != null && option.completionCandidates().iterator().hasNext()) {
            return option.completionCandidates().iterator().next();
        }
        return option.longestName().equals("--set") ? "batch.articles=4" : "x";
    }

    @Test
    void aMistypedOptionOrCommandIsBadUsageWithASuggestionInOneLine() {
        CommandRun option = run(List.of("run"), "--smok");
        assertEquals(ExitCode.USAGE, option.code());
        assertTrue(option.stderr().startsWith("tarjama run: unknown option --smok; did you mean --smoke?"),
                option.stderr());
        assertEquals(1, option.stderr().lines().count(), option.stderr());

        CommandRun command = run(List.of("translat"));
        assertEquals(ExitCode.USAGE, command.code());
        assertTrue(command.stderr().contains("unknown command 'translat'; did you mean translate"), command.stderr());

        CommandRun action = run(List.of("models", "fecth"));
        assertEquals(ExitCode.USAGE, action.code());
        assertTrue(action.stderr().startsWith("tarjama models: unknown command 'fecth'; did you mean fetch?"),
                action.stderr());
    }

    @Test
    void noCommandIsBadUsageNamingTheCommands() {
        CommandRun none = run(List.of());
        assertEquals(ExitCode.USAGE, none.code());
        assertTrue(none.stderr().contains("a command is required: one of run, translate, summarize, bench,"
                + " newsletter, models"), none.stderr());
        CommandRun models = run(List.of("models"));
        assertEquals(ExitCode.USAGE, models.code());
        assertTrue(models.stderr().contains("list, fetch, verify, prepare, pack"), models.stderr());
    }

    @Test
    void runTakesInputWithAnEqualsSign() {
        // The old hand parser of run refused --input=PATH; the value must now reach the configuration.
        CommandRun r = run(List.of("run"), "--input=/nowhere/in.jsonl", "--set=batch.sise=3");
        assertEquals(ExitCode.USAGE, r.code());
        assertTrue(r.stderr().contains("unknown configuration key 'batch.sise'"), r.stderr());
    }
}
