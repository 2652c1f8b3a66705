package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.jobs.output.TablePaths;
import dev.tarjama.jobs.output.TableRecovery;
import java.io.IOException;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * {@code tarjama repair --output DIR}: does what a run does first, on demand: finishes a commit
 * that a crashed run left (or undoes one that never got its journal) and removes stale staging.
 * Starts Spark only for an unfinished Delta commit. Exit 0 when the table is consistent.
 */
public final class RepairCommand {
    static final String USAGE = "usage: tarjama repair --output DIR";

    private RepairCommand() {}

    public static int run(String[] args) throws IOException {
        Args parsed = Args.parse(args, Set.of("output"), Set.of("help"));
        if (parsed.flag("help")) {
            System.err.println(USAGE);
            return ExitCode.OK;
        }
        if (!parsed.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + parsed.positional().get(0) + "'; " + USAGE);
        }
        String output = parsed.require("output");
        LazySpark spark = new LazySpark();
        try {
            TableRecovery.Result result = new TableRecovery(new TablePaths(output, new Configuration()),
                    new Configuration()).recover(spark::get);
            System.out.println(result.nothing() ? "repair " + output + ": nothing to repair"
                    : "repair " + output + ": finished commits " + result.finished() + "; removed " + result.removed());
            return ExitCode.OK;
        } finally {
            spark.stopIfStarted();
        }
    }

    /** The caller's session if there is one, else a local one started on first use and stopped at the end. */
    private static final class LazySpark {
        private SparkSession session;
        private boolean started;

        SparkSession get() {
            if (session == null) {
                session = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get() : null;
                if (session == null) {
                    session = SparkSession.builder().appName("tarjama-repair").master("local[*]")
                            .config("spark.ui.enabled", "false").config("spark.sql.session.timeZone", "UTC")
                            .getOrCreate();
                    started = true;
                }
            }
            return session;
        }

        void stopIfStarted() {
            if (started) {
                session.stop();
            }
        }
    }
}
