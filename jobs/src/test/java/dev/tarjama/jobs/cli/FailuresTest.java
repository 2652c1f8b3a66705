package dev.tarjama.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.exit.CommitRefused;
import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.FailureThresholdExceeded;
import dev.tarjama.jobs.exit.JobFailure;
import dev.tarjama.jobs.exit.NoInput;
import dev.tarjama.jobs.exit.UsageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every exception of the exit contract ends a command with its own code and one stderr line,
 * through the same handlers as {@code tarjama}; also those no command raises yet in every build
 * (a refused commit, no input).
 */
class FailuresTest {

    @Command(name = "fails")
    static final class Fails implements Callable<Integer> {
        private final RuntimeException failure;

        Fails(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() {
            throw failure;
        }
    }

    @Test
    void eachExitExceptionEndsWithItsCodeAndOneLine() {
        Map<RuntimeException, Integer> cases = Map.of(
                new JobFailure("cluster lost"), ExitCode.FAILURE,
                new UsageException("bad key"), ExitCode.USAGE,
                new FailureThresholdExceeded("12% failed"), ExitCode.OVER_FAILURE_THRESHOLD,
                new CommitRefused("would downgrade 40 ok rows"), ExitCode.COMMIT_REFUSED,
                new NoInput("nothing under /raw/2025-03-02"), ExitCode.NO_INPUT,
                new IllegalStateException("unexpected"), ExitCode.FAILURE);
        cases.forEach((failure, code) -> {
            CommandLine cli = new CommandLine(new Fails(failure));
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err, true));
            Failures.install(cli);
            assertEquals(code, cli.execute(), failure.toString());
            assertEquals("fails: " + failure.getMessage(), err.toString().strip());
        });
        assertTrue(ExitCode.NO_INPUT != ExitCode.USAGE, "no input is not bad configuration");
    }
}
