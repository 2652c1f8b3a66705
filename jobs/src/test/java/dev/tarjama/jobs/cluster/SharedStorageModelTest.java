package dev.tarjama.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarjama.jobs.batch.JobOptions;
import dev.tarjama.jobs.models.ModelStager;
import dev.tarjama.jobs.support.JobRuns;
import dev.tarjama.jobs.support.LocalSpark;
import dev.tarjama.jobs.support.TestPaths;
import dev.tarjama.models.hub.ModelPreparer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model folder given as a file system URI is staged to local disk by the executor and translated with. */
@Tag("spark")
class SharedStorageModelTest {
    @TempDir
    Path tmp;

    @Test
    void modelOnSharedStorageIsStagedOncePerHostAndUsed() throws Exception {
        Path shared = ModelPreparer.prepare(TestPaths.repoRoot().resolve("models/tiny/marian-xenova"),
                tmp.resolve("shared-fs/marian"), false).folder();
        Path stageRoot = tmp.resolve("stage");
        Path input = ClusterJob.input(tmp, 6, 0);
        long records;
        try (Stream<String> lines = Files.lines(input)) {
            records = lines.count();
        }
        System.setProperty("tarjama.stage.dir", stageRoot.toString());
        SparkSession spark = LocalSpark.start();
        try {
            List<String> sets = new ArrayList<>(ClusterJob.settings(input, tmp.resolve("out"), "exec.partitions=2"));
            sets.add("model.smoke.dir=" + shared.toUri());
            JsonNode report = JobRuns.run(spark, JobOptions.defaults(true), sets).json();
            assertEquals(records, report.path("counts").path("ok").asLong(), report.path("counts").toString());
            assertEquals(1, report.path("model_loads").size(), report.path("model_loads").toString());
        } finally {
            spark.stop();
            System.clearProperty("tarjama.stage.dir");
        }
        try (Stream<Path> staged = Files.list(stageRoot)) {
            List<Path> copies = staged.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            assertEquals(1, copies.size(), "one staged copy: " + copies);
            assertTrue(Files.isRegularFile(copies.get(0).resolve(ModelStager.MARKER)), copies.toString());
        }
    }
}
