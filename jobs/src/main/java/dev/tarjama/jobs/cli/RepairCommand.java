package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.output.TablePaths;
import dev.tarjama.jobs.output.TableRecovery;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tarjama repair --output DIR}: what every run does first, on demand. Finishes a commit a
 * crashed run left (or undoes one that never wrote its journal) and removes stale staging
 * (docs/batch-job.md, "Commit"). Starts local Spark only for an unfinished Delta commit; a session
 * it did not start it leaves running.
 */
@Command(name = "repair", sortOptions = false,
        description = "Finish or undo a table commit that a crashed run left, and remove stale staging"
                + " (every run does this first).")
public final class RepairCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "The table folder (output.path).")
    private String output;

    private SparkSession session;
    private boolean started;

    @Override
    public Integer call() throws Exception {
        try {
            Configuration conf = new Configuration();
            TableRecovery.Result result = new TableRecovery(new TablePaths(output, conf), conf).recover(this::spark);
            spec.commandLine().getOut().println(result.nothing() ? "repair " + output + ": nothing to repair"
                    : "repair " + output + ": finished commits " + result.finished() + "; removed " + result.removed());
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        } finally {
            if (started) {
                session.stop();
            }
        }
    }

    /** The caller's session (tests, spark-submit), else a local one started on first use. */
    private SparkSession spark() {
        if (session == null) {
            if (SparkSession.getActiveSession().isDefined()) {
                session = SparkSession.getActiveSession().get();
            } else {
                session = SparkSession.builder().appName("tarjama-repair").master("local[*]")
                        .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC").getOrCreate();
                started = true;
            }
        }
        return session;
    }
}
