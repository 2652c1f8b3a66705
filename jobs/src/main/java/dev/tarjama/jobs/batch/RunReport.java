package dev.tarjama.jobs.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tarjama.jobs.batch.report.Duplicates;
import dev.tarjama.jobs.batch.report.InputSection;
import dev.tarjama.jobs.batch.report.Malformed;
import dev.tarjama.jobs.batch.report.ModelLoad;
import dev.tarjama.jobs.batch.report.ModelReport;
import dev.tarjama.jobs.batch.report.OutputSection;
import dev.tarjama.jobs.batch.report.SegmentsSection;
import dev.tarjama.jobs.batch.report.SparkSection;
import dev.tarjama.jobs.batch.report.SummariesSection;
import dev.tarjama.jobs.batch.report.Throughput;
import dev.tarjama.jobs.batch.report.Tokens;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The machine-readable account of one run, written as JSON beside the data
 * ({@code <output>/_runs/<run_id>/report.json}); {@code docs/batch-job.md} lists its fields.
 * Components are serialized by Jackson in declaration order with snake_case names; a null
 * component or section field (a section a failed run never reached) is left out, and fields
 * this version does not know are ignored when reading a report back. To add a field, add a component
 * here or to a section record of {@code batch.report}, and fill it in {@link ReportAssembler}.
 *
 * @param status {@code succeeded}, {@code too_many_failures}, {@code commit_refused}, {@code failed} or
 *     {@code interrupted}
 * @param error why a run failed or was interrupted; null otherwise
 * @param counts rows by status; they add up to {@code input.records}
 * @param reasons rows by {@code status/reason}
 * @param stageSeconds seconds of each stage reached: read, translate, report, write
 * @param configuration every effective configuration value
 * @param configurationOrigins where each value came from
 */
public record RunReport(
        String runId,
        String status,
        String error,
        String startedAt,
        String finishedAt,
        String runDate,
        InputSection input,
        Map<String, Long> counts,
        Map<String, Long> reasons,
        Tokens tokens,
        SegmentsSection segments,
        Throughput throughput,
        Malformed malformed,
        Duplicates duplicates,
        Double failureRate,
        Double maxFailureRate,
        OutputSection output,
        List<ModelReport> models,
        SummariesSection summaries,
        List<ModelLoad> modelLoads,
        Double modelLoadSeconds,
        SparkSection spark,
        Map<String, Double> stageSeconds,
        Map<String, String> configuration,
        Map<String, String> configurationOrigins) {

    public static final String SUCCEEDED = "succeeded";
    public static final String TOO_MANY_FAILURES = "too_many_failures";
    public static final String FAILED = "failed";
    public static final String INTERRUPTED = "interrupted";
    /** The downgrade guard refused the commit: the table is untouched (exit 4). */
    public static final String COMMIT_REFUSED = "commit_refused";

    /** The one mapper of the report: snake_case names, nulls left out, indented. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Reads a report back (fields this version does not know are ignored). */
    public static RunReport parse(String json) throws IOException {
        return JSON.readValue(json, RunReport.class);
    }

    /** The report as a JSON tree, for generic reading. */
    public JsonNode json() {
        return JSON.valueToTree(this);
    }

    /** True when the failure rate is above {@code run.max_failure_rate}. */
    public boolean failedThreshold() {
        return failureRate != null && maxFailureRate != null && failureRate > maxFailureRate;
    }

    /** Rows with {@code status}; 0 when the run never counted any. */
    public long count(String status) {
        return counts == null ? 0 : counts.getOrDefault(status, 0L);
    }

    /** Input records read; 0 when the run never got that far. */
    public long inputRecords() {
        return input == null ? 0 : input.records();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the report to {@code path} on any Hadoop file system. */
    public void writeTo(String path, Configuration hadoopConf) throws IOException {
        Path target = new Path(path);
        FileSystem fs = target.getFileSystem(hadoopConf);
        try (OutputStream out = fs.create(target, true)) {
            out.write(toJson().getBytes(StandardCharsets.UTF_8));
        }
    }
}
