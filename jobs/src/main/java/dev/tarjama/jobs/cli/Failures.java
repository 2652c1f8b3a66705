package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.ExitException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * How a command line ends when something is wrong: one line on stderr, {@code tarjama COMMAND:
 * message}, and the exit code of {@link ExitCode}. Parse errors are usage errors (2), with picocli's
 * suggestions for a mistyped option or command; an {@link ExitException} exits with its own code;
 * anything else is a failure (1). One line so that a scheduler's log and a mail subject carry the
 * whole reason; {@code --help} has the details.
 */
final class Failures implements IParameterExceptionHandler, IExecutionExceptionHandler {

    private Failures() {}

    /** Installs both handlers on {@code cli} (they apply to its subcommands too). */
    static void install(CommandLine cli) {
        Failures failures = new Failures();
        cli.setParameterExceptionHandler(failures);
        cli.setExecutionExceptionHandler(failures);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println(prefix(cmd) + describe(ex) + " (see '" + cmd.getCommandSpec().qualifiedName()
                + " --help')");
        return ExitCode.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        if (ex instanceof ParameterException p) {
            return handleParseException(p, parsed.originalArgs().toArray(new String[0]));
        }
        int code = ex instanceof ExitException e ? e.exitCode() : ExitCode.FAILURE;
        String message = ex instanceof CharacterCodingException
                ? "input is not valid UTF-8 text (" + ex + ")"
                : ex.getMessage() != null ? ex.getMessage() : ex.toString();
        cmd.getErr().println(prefix(cmd) + message);
        return code;
    }

    private static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName() + ": ";
    }

    /** The parse error in the project's words: what is wrong and, when picocli has one, a suggestion. */
    static String describe(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u) {
            List<String> unmatched = u.getUnmatched();
            String first = unmatched.isEmpty() ? "" : unmatched.get(0);
            String what = u.isUnknownOption() ? "unknown option " + first
                    : ex.getCommandLine().getSubcommands().isEmpty() ? "unexpected argument '" + first + "'"
                    : "unknown command '" + first + "'";
            List<String> suggestions = u.getSuggestions();
            return suggestions.isEmpty() ? what : what + "; did you mean " + String.join(" or ", suggestions) + "?";
        }
        if (ex instanceof MissingParameterException m) {
            List<String> names = new ArrayList<>();
            for (ArgSpec arg : m.getMissing()) {
                names.add(name(arg));
            }
            return String.join(", ", names) + (names.size() == 1 ? " is" : " are") + " required";
        }
        if (ex.getCause() != null && ex.getArgSpec() != null && ex.getValue() != null) {
            return name(ex.getArgSpec()) + " takes " + kind(ex.getArgSpec()) + ", got '" + ex.getValue() + "'";
        }
        return ex.getMessage();
    }

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
    }

    /** What a value of the option's type looks like, for the message of a value that did not convert. */
    private static String kind(ArgSpec arg) {
        Class<?> type = arg.auxiliaryTypes().length > 0 ? arg.auxiliaryTypes()[0] : arg.type();
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == java.time.LocalDate.class) {
            return "a date yyyy-MM-dd";
        }
        List<String> candidates = new ArrayList<>();
        if (arg.completionCandidates() != null) {
            arg.completionCandidates().forEach(candidates::add);
        }
        return candidates.isEmpty() ? "a " + type.getSimpleName().toLowerCase(Locale.ROOT)
                : "one of " + String.join(", ", candidates);
    }
}
