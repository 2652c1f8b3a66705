package dev.tarjama.jobs.cli;

import dev.tarjama.models.onnx.Precision;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * Entry point of {@code ./tarjama} and of {@code spark-submit --class dev.tarjama.jobs.cli.Main}:
 * the root of the picocli command tree. Every command inherits {@code --help}, {@code --version}
 * and {@code --verbose}; {@link Failures} turns every error into one line on stderr and its exit
 * code ({@link dev.tarjama.jobs.exit.ExitCode}).
 */
@Command(name = "tarjama", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = Version.class, usageHelpWidth = 100, usageHelpAutoWidth = true, sortOptions = false,
        description = "Arabic news to English: the Spark batch job and its tools. "
                + "'tarjama COMMAND --help' describes each command.",
        subcommands = {RunCommand.class, TranslateCommand.class, SummarizeCommand.class, BenchCommand.class,
            NewsletterCommand.class, ModelsCommand.class, RepairCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failure (a retry may help), 2 bad usage or configuration,"
                + " 3 run committed but over run.max_failure_rate, 4 commit refused, 5 no input (docs/batch-job.md)."})
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log at INFO level, Spark's and Hadoop's routine warnings included.")
    boolean verbose;

    /** Picocli instantiates the command; the tree is built by {@link #commandLine}. */
    public Main() {}

    public static void main(String[] args) {
        System.exit(execute(args, System.err));
    }

    /** Runs one command line and returns its exit code; errors are one line on {@code err}. */
    public static int execute(String[] args, PrintStream err) {
        return execute(args, System.out, err, System.getenv());
    }

    /** Runs one command line with explicit streams and environment (tests). */
    static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return commandLine(out, err, env).execute(args);
    }

    /** The whole command tree, its output going to {@code out} and {@code err} (UTF-8). */
    static CommandLine commandLine(PrintStream out, PrintStream err, Map<String, String> env) {
        CommandLine cli = new CommandLine(new Main(), new CommandFactory(env));
        cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        // Plain help text also on a terminal: the same bytes wherever it is read or logged.
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.registerConverter(Precision.class, Precision::parse);
        Failures.install(cli);
        cli.setExecutionStrategy(parsed -> {
            ConsoleLog.configure(verbose(parsed));
            return new CommandLine.RunLast().execute(parsed);
        });
        return cli;
    }

    /** True when {@code --verbose} was given at any level of the command line. */
    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** {@code tarjama} without a command: a usage error naming the commands. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
