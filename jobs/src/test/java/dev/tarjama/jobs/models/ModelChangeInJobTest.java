package dev.tarjama.jobs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tarjama.jobs.batch.RunReport;
import dev.tarjama.jobs.support.Inputs;
import dev.tarjama.jobs.support.JobRuns;
import dev.tarjama.jobs.support.LocalSpark;
import dev.tarjama.jobs.support.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model identity rows record comes from the files' hashes: weights rewritten in place at the
 * same size (and with the old modification time) are a new model, so incremental mode translates
 * again; a folder without a manifest is reported {@code unverified}.
 */
@Tag("spark")
class ModelChangeInJobTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static String revision(RunReport report) {
        return report.json().path("models").get(0).path("names").get(0).path("revision").asText();
    }

    @Test
    void weightsChangedInPlaceAtTheSameSizeAreANewModelAndIncrementalModeTranslatesAgain(@TempDir Path tmp)
            throws Exception {
        Path model = TestPaths.handMadeCopy("marian-xenova", tmp.resolve("marian"));
        Path input = Inputs.writeJsonl(tmp.resolve("in/a.jsonl"), List.of(
                Inputs.line("a", "عنوان أول", "نص الخبر الأول."), Inputs.line("b", "عنوان ثان", "نص الخبر الثاني.")),
                List.of());
        Path output = tmp.resolve("out");
        String[] sets = {"output.mode=incremental", "model.smoke.dir=" + model};

        RunReport first = JobRuns.run(spark, input, output, sets);
        RunReport unchanged = JobRuns.run(spark, input, output, sets);
        Path encoder = model.resolve("onnx/encoder_model.onnx");
        long size = Files.size(encoder);
        FileTime modified = Files.getLastModifiedTime(encoder);
        byte[] bytes = Files.readAllBytes(encoder);
        bytes[bytes.length / 2] ^= 1; // the lowest bit of a weight: the file still loads
        Files.write(encoder, bytes);
        Files.setLastModifiedTime(encoder, modified);
        RunReport changed = JobRuns.run(spark, input, output, sets);

        assertEquals(2, first.count("ok"));
        assertEquals(2, unchanged.count("skipped"), "same files, same model: nothing to redo");
        assertEquals(size, Files.size(encoder));
        assertEquals(2, changed.count("ok"), "the changed weights translate every article again");
        assertEquals(0, changed.count("skipped"));
        assertEquals(revision(first), revision(unchanged));
        assertNotEquals(revision(first), revision(changed));
        assertEquals("unverified", first.json().path("models").get(0).path("verification").asText(),
                "a folder without a manifest is recorded as unverified");
    }

    @Test
    void aFolderWhoseManifestWasDeletedRunsUnverifiedAndTheBundledOneIsVerified(@TempDir Path tmp) throws Exception {
        Path input = Inputs.writeJsonl(tmp.resolve("in/a.jsonl"), List.of(Inputs.line("a", "عنوان", "نص الخبر.")),
                List.of());
        Path copy = tmp.resolve("copy");
        dev.tarjama.models.hub.ModelPreparer.prepare(TestPaths.tinyModel("marian-xenova"), copy, false);
        Files.delete(copy.resolve("manifest.json"));
        RunReport stripped = JobRuns.run(spark, input, tmp.resolve("out2"), "model.smoke.dir=" + copy);

        assertEquals("manifest", ModelPaths.verification(TestPaths.tinyModel("marian-xenova").toString()),
                "the bundled model the other runs use carries a manifest");
        assertEquals(1, stripped.count("ok"), "it loads, with a warning");
        assertEquals("unverified", stripped.json().path("models").get(0).path("verification").asText());
        assertEquals(dev.tarjama.models.translate.ModelIdentity.of(TestPaths.tinyModel("marian-xenova")).revision(),
                revision(stripped), "the same files are the same model");
    }
}
