package dev.tarjama.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarjama.jobs.exec.ModelCache;
import dev.tarjama.jobs.exec.ModelUse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a file of SQL statements with the Tarjama functions, for {@code spark-submit --class
 * dev.tarjama.spark.SqlFile app.jar FILE.sql} where no {@code spark-sql} shell is at hand (it needs
 * a Hive-enabled Spark). Statements end with {@code ;} at the end of a line; {@code --} lines are
 * comments. Each statement's rows are shown (up to 20); after the last one the model loads per
 * executor JVM are printed as one line of JSON starting with {@code tarjama model_loads:}.
 */
public final class SqlFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SqlFile() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: spark-submit --class " + SqlFile.class.getName() + " tarjama-jobs-spark-app.jar FILE.sql");
            System.exit(2);
        }
        List<String> statements = statements(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        SparkSession spark = SparkSession.builder().appName("tarjama-sql")
                .config("spark.sql.extensions", TarjamaSparkExtensions.class.getName()).getOrCreate();
        try {
            for (String statement : statements) {
                Dataset<Row> result = spark.sql(statement);
                if (result.schema().nonEmpty()) {
                    result.show(20, false);
                }
            }
            System.out.println("tarjama model_loads: " + JSON.writeValueAsString(loads(spark)));
        } finally {
            ModelCache.closeAll();
            spark.stop();
        }
    }

    /** The statements of a SQL script: split at {@code ;} ending a line, {@code --} comment lines dropped. */
    public static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.strip().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                String statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static List<Map<String, Object>> loads(SparkSession spark) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<ModelUse, Long> load : TarjamaMetrics.modelLoads(spark).entrySet()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("role", load.getKey().role().id());
            entry.put("model", load.getKey().model());
            entry.put("executor_jvm", load.getKey().executorJvm());
            entry.put("loads", load.getValue());
            out.add(entry);
        }
        return out;
    }
}
