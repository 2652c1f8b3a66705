package dev.tarjama.jobs.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.support.JobRuns;
import dev.tarjama.jobs.support.LocalSpark;
import dev.tarjama.jobs.support.Inputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A caller-chosen run id names the run folder and the rows, and a retry under the same id replaces the attempt before. */
@Tag("spark")
class CallerRunIdTest {

    @Test
    void aRetryUnderTheSameRunIdReplacesTheEarlierAttemptsRunFolder(@TempDir Path tmp) throws Exception {
        Path input = Inputs.writeJsonl(tmp.resolve("in/a.jsonl"), Inputs.fresh(2), List.of());
        Path output = tmp.resolve("out");
        SparkSession spark = LocalSpark.start();
        try {
            JobOptions options = JobOptions.defaults(true).withRunId("scheduled__2025-03-02T00-00-00+00-00");
            RunReport first = JobRuns.run(spark, options, JobRuns.settings(input, output));
            RunReport retry = JobRuns.run(spark, options, JobRuns.settings(input, output));
            Path runDir = output.resolve("_runs/scheduled__2025-03-02T00-00-00+00-00");
            assertEquals(retry, RunReport.parse(Files.readString(runDir.resolve("report.json"))), "the retry's report");
            assertTrue(Instant.parse(retry.startedAt()).isAfter(Instant.parse(first.startedAt())));
            assertEquals(2, spark.read().json(runDir.resolve("ledger").toString()).count(),
                    "one ledger, the retry's");
            assertEquals(2, spark.read().parquet(output.toString())
                    .where("run_id = 'scheduled__2025-03-02T00-00-00+00-00'").count(), "rows record the caller's id");
        } finally {
            spark.stop();
        }
    }
}
