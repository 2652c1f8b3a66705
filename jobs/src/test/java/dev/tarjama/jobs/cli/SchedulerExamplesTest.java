package dev.tarjama.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarjama.jobs.batch.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduling examples of docs/cluster.md and docs/batch-job.md work as written: the
 * spark-submit commands are well formed, the Airflow callables map every exit code to the right
 * Airflow outcome and find the day's report among several, and daily.sh retries only what a retry
 * may fix.
 */
class SchedulerExamplesTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path tmp;
    private DocExamples fakes;

    @BeforeEach
    void standIns() throws Exception {
        fakes = new DocExamples(tmp);
    }

    @Test
    void theSparkSubmitExamplesPutSparkOptionsBeforeTheApplicationJarAndChooseAWriteMode() throws Exception {
        Map<String, String> examples = Map.of("batch-job-submit", "docs/batch-job.md",
                "cluster-standalone", "docs/cluster.md", "cluster-yarn", "docs/cluster.md", "cluster-k8s", "docs/cluster.md");
        for (Map.Entry<String, String> e : examples.entrySet()) {
            fakes.codes(0);
            CommandRun r = fakes.run(List.of("bash", "-c", DocExamples.example(e.getValue(), e.getKey())), Map.of());
            assertEquals(0, r.code(), e.getKey() + ": " + r.stderr());
            DocExamples.checkSubmit(fakes.argv(1), e.getKey());
        }
    }

    /** Runs the documented Airflow callable {@code call} under Python; prints what it returned or raised. */
    private CommandRun airflow(String call) throws Exception {
        Files.writeString(tmp.resolve("tarjama_tasks.py"), DocExamples.example("docs/cluster.md", "airflow-tasks"));
        Files.createDirectories(tmp.resolve("airflow"));
        Files.writeString(tmp.resolve("airflow/__init__.py"), "");
        // Airflow's two exceptions, as airflow.exceptions defines them: plain Exception subclasses.
        Files.writeString(tmp.resolve("airflow/exceptions.py"), "class AirflowException(Exception): pass\n"
                + "class AirflowFailException(AirflowException): pass\n"
                + "class AirflowSkipException(AirflowException): pass\n");
        Files.writeString(tmp.resolve("driver.py"), """
                import json, sys
                import tarjama_tasks
                class TaskInstance:
                    try_number = 1
                try:
                    value = %s
                    print("RETURNED " + json.dumps(value))
                except Exception as e:
                    print("RAISED " + type(e).__name__ + " " + str(e))
                """.formatted(call));
        return fakes.run(List.of(PYTHON, "driver.py"), Map.of("PYTHONPATH", tmp.toString()));
    }

    @Test
    void theAirflowCallableRetriesOnlyWhatARetryMayFix() throws Exception {
        Map<Integer, String> expected = Map.of(0, "RETURNED", 1, "RAISED RuntimeError", 2, "RAISED AirflowFailException",
                3, "RAISED AirflowFailException", 4, "RAISED AirflowFailException", 5, "RAISED AirflowSkipException");
        for (Map.Entry<Integer, String> e : expected.entrySet()) {
            fakes.codes(e.getKey());
            CommandRun r = airflow("tarjama_tasks.translate(ds='2025-03-02', ts_nodash='20250302T023000', ti=TaskInstance())");
            String last = r.stdout().get(r.stdout().size() - 1);
            assertTrue(last.startsWith(e.getValue()), "exit " + e.getKey() + ": " + r.stdout() + r.stderr());
            DocExamples.checkSubmit(fakes.argv(1), "airflow-tasks");
            assertTrue(fakes.argv(1).contains("airflow-20250302T023000-try1"), fakes.argv(1).toString());
        }
        fakes.codes(0);
        CommandRun ok = airflow("tarjama_tasks.translate(ds='2025-03-02', ts_nodash='20250302T023000', ti=TaskInstance())");
        JsonNode result = new ObjectMapper().readTree(ok.stdout().get(ok.stdout().size() - 1).substring("RETURNED ".length()));
        assertEquals("airflow-20250302T023000-try1", result.path("run_id").asText(), "the XCom value is the result line");
        assertEquals(6, result.path("counts").path("ok").asInt());
    }

    @Test
    void theClusterModeCheckReadsTheDaysReportAmongSeveral() throws Exception {
        Configuration hadoop = new Configuration();
        String[][] days = {{"2025-03-01", "succeeded", "0.0"}, {"2025-03-02", "too_many_failures", "0.33"},
            {"2025-03-03", "succeeded", "0.0"}};
        for (String[] d : days) {
            RunReport report = RunReport.parse("{\"run_id\": \"airflow-" + d[0].replace("-", "") + "T023000-try2\","
                    + " \"status\": \"" + d[1] + "\", \"counts\": {\"ok\": 4, \"failed\": 2}, \"failure_rate\": " + d[2] + "}");
            // As --report-file leaves them: one document per day, whole.
            ReportFiles.copy(report, tmp.resolve("hdfs/tarjama/reports/" + d[0] + ".json").toString(), hadoop);
        }
        CommandRun ok = airflow("tarjama_tasks.check_report(ds='2025-03-03')");
        assertTrue(ok.stdout().get(0).startsWith("airflow-20250303T023000-try2 succeeded"), ok.stdout() + ok.stderr());
        assertTrue(ok.stdout().get(1).startsWith("RETURNED {"), ok.stdout().toString());
        CommandRun over = airflow("tarjama_tasks.check_report(ds='2025-03-02')");
        String last = over.stdout().get(over.stdout().size() - 1);
        assertTrue(last.startsWith("RAISED AirflowFailException tarjama 2025-03-02: too_many_failures"), last);
    }

    @Test
    void theAirflowDagParsesAndItsClusterModeSubmitIsWellFormed() throws Exception {
        Files.writeString(tmp.resolve("dag.py"), DocExamples.example("docs/cluster.md", "airflow-dag"));
        // The DAG imports Airflow, which is not installed here: parse it, then read the operator's literals.
        Files.writeString(tmp.resolve("read_dag.py"), """
                import ast, json
                tree = ast.parse(open("dag.py").read())
                for node in ast.walk(tree):
                    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "SparkSubmitOperator":
                        print(json.dumps({k.arg: ast.literal_eval(k.value) for k in node.keywords}))
                """);
        CommandRun r = fakes.run(List.of(PYTHON, "read_dag.py"), Map.of());
        assertEquals(0, r.code(), r.stderr());
        JsonNode op = new ObjectMapper().readTree(r.stdout().get(0));
        List<String> argv = DocExamples.list("spark-submit", "--master", "yarn", "--deploy-mode", "cluster",
                "--class", op.path("java_class").asText(), "--archives", op.path("archives").asText());
        op.path("conf").fields().forEachRemaining(c -> argv.addAll(List.of("--conf", c.getKey() + "=" + c.getValue().asText())));
        argv.add(op.path("application").asText());
        op.path("application_args").forEach(a -> argv.add(a.asText().replace("{{ ds }}", "2025-03-02")
                .replace("{{ ts_nodash }}", "20250302T023000").replace("{{ ti.try_number }}", "1")));
        DocExamples.checkSubmit(argv, "airflow-dag");
    }

    private CommandRun cron(int... codes) throws Exception {
        fakes.codes(codes);
        Path script = tmp.resolve("daily.sh");
        Files.writeString(script, DocExamples.example("docs/cluster.md", "cron-daily"));
        return fakes.run(List.of("bash", script.toString(), "2025-03-02"), Map.of("RETRY_DELAY", "0"));
    }

    @Test
    void dailyShRetriesAFailureOnceAndReportsTheSecondAttempt() throws Exception {
        CommandRun r = cron(1, 0);
        assertEquals(0, r.code(), r.stderr());
        assertEquals(2, fakes.calls());
        assertTrue(r.stdout().get(0).startsWith("2025-03-02 ok {\"run_id\":\"daily-20250302-2\",\"status\":\"succeeded\""),
                r.stdout().toString());
        assertEquals("", fakes.mail("subjects"));
        DocExamples.checkSubmit(fakes.argv(1), "cron-daily");
        assertTrue(fakes.argv(1).contains("daily-20250302-1") && fakes.argv(2).contains("daily-20250302-2"));
    }

    @Test
    void dailyShMailsDeterministicOutcomesWithoutRetrying() throws Exception {
        CommandRun over = cron(3);
        assertEquals(3, over.code());
        assertEquals(1, fakes.calls(), "over the threshold: not retried");
        assertEquals("tarjama 2025-03-02: exit 3\n", fakes.mail("subjects"));
        assertTrue(fakes.mail("body").contains("\"status\":\"too_many_failures\""), fakes.mail("body"));

        CommandRun none = cron(5);
        assertEquals(5, none.code());
        assertEquals("tarjama 2025-03-02: nothing landed\n", fakes.mail("subjects"));

        CommandRun usage = cron(2);
        assertEquals(2, usage.code());
        assertEquals(1, fakes.calls());
        assertTrue(fakes.mail("body").contains("BAD CONFIGURATION"), fakes.mail("body"));
    }
}
