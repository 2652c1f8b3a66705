package dev.tarjama.jobs.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tarjama.jobs.batch.RunReport;
import java.util.Map;

/**
 * The last line {@code tarjama run} writes to stdout: one JSON object for a scheduler, whatever the
 * outcome once the run has an id (docs/batch-job.md, "Scheduler contract"). Fields without a value
 * (no report was written, no error) are left out.
 *
 * @param status the report's status ({@code succeeded}, {@code too_many_failures}, {@code failed},
 *     {@code interrupted}), or {@code failed} when the run stopped before it wrote a report
 * @param exitCode the process exit code ({@link dev.tarjama.jobs.exit.ExitCode})
 * @param records input records read
 * @param counts rows by status
 * @param report where the run report is ({@code <output>/_runs/<run_id>/report.json}); null when none
 * @param reportFile the {@code --report-file} copy, when asked for and written
 * @param output the table folder
 * @param seconds wall time of the command
 * @param stageSeconds the report's stage times
 * @param error why the run failed, in one line
 */
public record RunResult(String runId, String status, int exitCode, Long records, Map<String, Long> counts,
        Double failureRate, String report, String reportFile, String output, double seconds,
        Map<String, Double> stageSeconds, String error) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    /** The result of a run that wrote {@code report} (at {@code reportPath}), or none ({@code report} null). */
    static RunResult of(String runId, RunReport report, String reportPath, String reportFile, String output,
            int exitCode, double seconds, String error) {
        if (report == null) {
            return new RunResult(runId, RunReport.FAILED, exitCode, null, null, null, null, null, output, seconds,
                    null, error);
        }
        return new RunResult(runId, report.status(), exitCode, report.input() == null ? null : report.inputRecords(),
                report.counts(), report.failureRate(), reportPath, reportFile, output, seconds, report.stageSeconds(),
                error != null ? error : report.error());
    }

    /** One line of JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a line written by {@link #toJson()} (tests, tools). */
    public static RunResult parse(String line) throws JsonProcessingException {
        return JSON.readValue(line, RunResult.class);
    }
}
