package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.ExitException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Entry point of {@code ./tarjama}: dispatches to one command per subcommand name. */
public final class Main {

    /** A subcommand: takes its own arguments, returns an exit code. */
    @FunctionalInterface
    public interface Command {
        int run(String[] args) throws Exception;
    }

    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("run", RunCommand::run);
        COMMANDS.put("translate", TranslateCommand::run);
        COMMANDS.put("bench", BenchCommand::run);
        COMMANDS.put("summarize", SummarizeCommand::run);
        COMMANDS.put("models", ModelsCommand::run);
        COMMANDS.put("newsletter", NewsletterCommand::run);
        COMMANDS.put("repair", RepairCommand::run);
    }

    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args, System.err));
    }

    /** Runs one command line and returns its exit code; errors are one line on {@code err}. */
    public static int execute(String[] args, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            err.println("usage: tarjama " + String.join("|", COMMANDS.keySet()) + " [options]");
            return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            err.println("tarjama: unknown command '" + args[0] + "'; expected one of " + COMMANDS.keySet());
            return ExitCode.USAGE;
        }
        try {
            return command.run(Arrays.copyOfRange(args, 1, args.length));
        } catch (ExitException e) {
            err.println("tarjama " + args[0] + ": " + e.getMessage());
            return e.exitCode();
        } catch (java.nio.charset.CharacterCodingException e) {
            err.println("tarjama " + args[0] + ": input is not valid UTF-8 text (" + e + ")");
            return ExitCode.FAILURE;
        } catch (Exception e) {
            err.println("tarjama " + args[0] + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return ExitCode.FAILURE;
        }
    }
}
