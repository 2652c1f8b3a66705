package dev.tarjama.jobs.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tarjama.jobs.batch.report.DuplicateRecord;
import dev.tarjama.jobs.batch.report.Duplicates;
import dev.tarjama.jobs.batch.report.InputSection;
import dev.tarjama.jobs.batch.report.Malformed;
import dev.tarjama.jobs.batch.report.ModelLoad;
import dev.tarjama.jobs.batch.report.ModelName;
import dev.tarjama.jobs.batch.report.ModelReport;
import dev.tarjama.jobs.batch.report.OutputSection;
import dev.tarjama.jobs.batch.report.SegmentsSection;
import dev.tarjama.jobs.batch.report.RecordRef;
import dev.tarjama.jobs.batch.report.SparkSection;
import dev.tarjama.jobs.batch.report.SummariesSection;
import dev.tarjama.jobs.batch.report.Throughput;
import dev.tarjama.jobs.batch.report.Tokens;
import dev.tarjama.jobs.config.JobConfig;
import dev.tarjama.jobs.support.TestPaths;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The report's JSON shape: snake_case names in a fixed order, sections left out when a run never reached them. */
class RunReportTest {

    static RunReport full() {
        return new RunReport("run-1", RunReport.SUCCEEDED, null, "2025-01-15T10:00:00Z", "2025-01-15T10:01:00Z",
                "2025-01-15", new InputSection("in.jsonl", "jsonl", 3, null), Map.of("ok", 2L, "failed", 1L),
                Map.of("ok/translated", 2L, "failed/malformed_record", 1L), new Tokens(10, 20),
                new SegmentsSection(5, 1, 1, 2),
                Throughput.of(2, 20, 4.0, 1000), new Malformed(1, List.of(new RecordRef("ref:in.jsonl@88",
                        "in.jsonl@88", "not valid JSON"))),
                new Duplicates(1, 1000, List.of(new DuplicateRecord("dup", "in.jsonl@88", "in.jsonl@1040"))),
                1 / 3.0, 0.05,
                new OutputSection("out", "parquet", "merge", true, 2, new OutputSection.RowChanges(1, 1, 0, 0),
                        List.of("2025-01-15"), List.of(), new OutputSection.DowngradeCheck(1, 0, Map.of(), 0, 0.05,
                                false, "within_limit", "0 of 1"), new OutputSection.CommitSection(
                                "_runs/run-1/commit.json", "local: rename(2)", null, null, List.of(), List.of()),
                        "out/_runs/run-1/ledger"),
                List.of(new ModelReport("translation", "models/x", true, "abcd", List.of(new ModelName("smoke:x", "r1")))),
                new SummariesSection("extractive", "extractive", "no summary model configured", "3 sentences", null,
                        null, 0.5),
                List.of(new ModelLoad("translation", "smoke:x", "driver/1@h", 1, 4)), 1.5,
                new SparkSection("local[2]", "app-1", 1, 4), Map.of("read", 1.0), Map.of("output.path", "out"),
                Map.of("output.path", "--set"));
    }

    @Test
    void theReportIsSnakeCaseJsonInTheDocumentedOrderAndReadsBack() throws Exception {
        RunReport report = full();
        JsonNode json = report.json();
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("run_id", "status", "started_at", "finished_at", "run_date", "input", "counts", "reasons",
                "tokens", "segments", "throughput", "malformed", "duplicates", "failure_rate", "max_failure_rate", "output", "models",
                "summaries", "model_loads", "model_load_seconds", "spark", "stage_seconds", "configuration",
                "configuration_origins"), fields, "error is null and left out");
        assertEquals(0.5, json.path("throughput").path("articles_per_s").asDouble());
        assertEquals(2.0, json.path("throughput").path("articles_per_model_call_s").asDouble());
        assertEquals("driver/1@h", json.path("model_loads").get(0).path("executor_jvm").asText());
        assertEquals("in.jsonl@88", json.path("malformed").path("sample").get(0).path("input_ref").asText());
        assertEquals("2025-01-15", json.path("output").path("partitions_written").get(0).asText());
        assertFalse(json.path("summaries").has("model_dir"), "extractive runs name no summary model");
        assertEquals("in.jsonl@1040", json.path("duplicates").path("records").get(0).path("kept_input_ref").asText());
        assertFalse(json.path("input").has("note"));

        RunReport back = RunReport.parse(report.toJson());
        assertEquals(report, back);
        assertTrue(back.failedThreshold());
        assertEquals(2, back.count("ok"));
        assertEquals(0, back.count("partial"));
        assertEquals(3, back.inputRecords());
    }

    @Test
    void aFailedRunsReportHasItsErrorStagesAndConfigurationOnly() throws Exception {
        StageClock clock = new StageClock();
        clock.start("read");
        clock.stop();
        JobConfig config = JobConfig.builder().build();
        RunReport failed = ReportAssembler.ended("run-2", Instant.parse("2025-01-15T10:00:00Z"), RunReport.FAILED,
                "IOException: disk full", clock, config);
        List<String> fields = new ArrayList<>();
        failed.json().fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("run_id", "status", "error", "started_at", "finished_at", "stage_seconds",
                "configuration", "configuration_origins"), fields);
        RunReport back = RunReport.parse(failed.toJson());
        assertFalse(back.failedThreshold());
        assertEquals(0, back.inputRecords());
        assertEquals(0, back.count("ok"));
    }

    @Test
    void fieldsOfANewerVersionAreIgnoredWhenReadingBack() throws Exception {
        RunReport back = RunReport.parse("{\"run_id\": \"r\", \"status\": \"succeeded\", \"commit\": {\"steps\": 3},"
                + " \"input\": {\"path\": \"p\", \"format\": \"jsonl\", \"records\": 4, \"files\": 2}}");
        assertEquals("r", back.runId());
        assertEquals(4, back.inputRecords());
    }

    @Test
    void theBatchJobDocListsEveryReportFieldInFileOrder() throws Exception {
        String doc = Files.readString(TestPaths.repoRoot().resolve("docs/batch-job.md"));
        String section = doc.substring(doc.indexOf("### Run report"), doc.indexOf("###", doc.indexOf("### Run report") + 3));
        List<String> documented = new ArrayList<>();
        Matcher bullet = Pattern.compile("^- ((?:`[a-z_]+`(?:, )?)+)", Pattern.MULTILINE).matcher(section);
        while (bullet.find()) {
            Matcher name = Pattern.compile("`([a-z_]+)`").matcher(bullet.group(1));
            while (name.find()) {
                documented.add(name.group(1));
            }
        }
        List<String> fields = new ArrayList<>();
        full().json().fieldNames().forEachRemaining(fields::add);
        fields.add(fields.indexOf("status") + 1, "error"); // null in full(), present in failed runs
        assertEquals(fields, documented);
    }
}
