package dev.tarjama.jobs.config;

import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.jobs.support.TestPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobConfigTest {

    @Test
    void laterLayersWinFileThenSparkConfThenSet(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("t.properties");
        Files.writeString(file, "batch.articles = 5\nbatch.max_rows = 7\noutput.mode = incremental\n");
        JobConfig config = JobConfig.builder()
                .file(file)
                .sparkConf(Map.of("spark.tarjama.batch.max_rows", "9", "spark.executor.cores", "4"))
                .sets(List.of("output.mode=overwrite"))
                .build();
        assertEquals(5, config.integer(ConfigKey.BATCH_ARTICLES));
        assertEquals(9, config.integer(ConfigKey.BATCH_MAX_ROWS));
        assertEquals("overwrite", config.string(ConfigKey.OUTPUT_MODE));
        assertEquals("--set", config.origins().get("output.mode"));
        assertEquals("Spark conf spark.tarjama.batch.max_rows", config.origins().get("batch.max_rows"));
        assertEquals(4, config.integer(ConfigKey.GENERATION_NUM_BEAMS), "untouched keys keep the default");
    }

    @Test
    void unknownKeysAreRejectedNamingTheKeyWhereverTheyComeFrom(@TempDir Path tmp) throws Exception {
        UsageException set = assertThrows(UsageException.class,
                () -> JobConfig.builder().sets(List.of("batch.size=3")));
        assertTrue(set.getMessage().contains("'batch.size'"), set.getMessage());
        UsageException spark = assertThrows(UsageException.class,
                () -> JobConfig.builder().sparkConf(Map.of("spark.tarjama.ouput.path", "x")));
        assertTrue(spark.getMessage().contains("'ouput.path'"), spark.getMessage());
        Path file = tmp.resolve("bad.properties");
        Files.writeString(file, "input.colums.body = text\n");
        UsageException fromFile = assertThrows(UsageException.class, () -> JobConfig.builder().file(file));
        assertTrue(fromFile.getMessage().contains("'input.colums.body'") && fromFile.getMessage().contains(file.toString()),
                fromFile.getMessage());
    }

    @Test
    void illTypedValuesAreRejectedNamingTheKeyAndTheExpectedType() {
        assertMessage("batch.articles=many", "'batch.articles'", "positive integer");
        assertMessage("batch.articles=0", "'batch.articles'", "positive integer");
        assertMessage("run.max_failure_rate=1.5", "'run.max_failure_rate'", "between 0 and 1");
        assertMessage("output.mode=append", "'output.mode'", "merge|incremental|overwrite");
        assertMessage("run.date=yesterday", "'run.date'", "yyyy-MM-dd");
        assertMessage("--set-without-equals", "key=value", "");
        assertThrows(UsageException.class, () -> JobConfig.builder()
                .sets(List.of("quality.length_ratio_min=4", "quality.length_ratio_max=3")).build());
    }

    private static void assertMessage(String assignment, String... parts) {
        UsageException e = assertThrows(UsageException.class, () -> JobConfig.builder().sets(List.of(assignment)));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void theConfFileSetsEveryKeyAndNothingElse() throws Exception {
        Properties file = new Properties();
        try (var reader = Files.newBufferedReader(TestPaths.repoRoot().resolve("conf/tarjama.properties"))) {
            file.load(reader);
        }
        assertEquals(Set.copyOf(ConfigKey.names()), file.stringPropertyNames());
        JobConfig config = JobConfig.builder().file(TestPaths.repoRoot().resolve("conf/tarjama.properties")).build();
        for (ConfigKey key : ConfigKey.values()) {
            assertEquals(key.defaultValue(), config.string(key), "conf file and built-in default of " + key.key());
        }
    }

    @Test
    void theBatchJobDocDescribesEveryKey() throws Exception {
        String doc = Files.readString(TestPaths.repoRoot().resolve("docs/batch-job.md"));
        Set<String> documented = new LinkedHashSet<>();
        Matcher m = Pattern.compile("^\\| `([a-z_.]+)` \\|", Pattern.MULTILINE).matcher(doc);
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertEquals(Set.copyOf(ConfigKey.names()), documented);
    }
}
