package dev.tarjama.jobs.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The machine-readable account of one run, written as JSON beside the data
 * ({@code <output>/_runs/<run_id>/report.json}); {@code docs/batch-job.md} lists its fields.
 */
public final class RunReport {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root;

    RunReport(ObjectNode root) {
        this.root = root;
    }

    public static RunReport parse(String json) throws IOException {
        return new RunReport((ObjectNode) JSON.readTree(json));
    }

    public JsonNode json() {
        return root;
    }

    public String runId() {
        return root.path("run_id").asText();
    }

    /** Failed articles over input articles. */
    public double failureRate() {
        return root.path("failure_rate").asDouble();
    }

    /** True when the failure rate is above {@code run.max_failure_rate}. */
    public boolean failedThreshold() {
        return root.path("failure_rate").asDouble() > root.path("max_failure_rate").asDouble();
    }

    public long count(String status) {
        return root.path("counts").path(status).asLong();
    }

    public long inputRecords() {
        return root.path("input").path("records").asLong();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(root);
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
