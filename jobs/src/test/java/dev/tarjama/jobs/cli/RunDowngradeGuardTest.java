package dev.tarjama.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.output.OutputFormat;
import dev.tarjama.jobs.output.TableReads;
import dev.tarjama.jobs.support.Inputs;
import dev.tarjama.jobs.support.TestPaths;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tarjama run} against a table of good rows with an input that would replace them by
 * worse ones: exit 4 and the table untouched; {@code --force} commits.
 */
@Tag("spark")
class RunDowngradeGuardTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String run(int expected, Path input, Path output, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--smoke", "--input", input.toString(), "--output",
                output.toString(), "--set", "model.smoke.dir=" + TestPaths.repoRoot().resolve("models/tiny/marian-xenova"),
                "--set", "exec.master=local[2]", "--set", "generation.num_beams=1",
                "--set", "generation.max_new_tokens=16"));
        args.addAll(List.of(more));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args.toArray(new String[0]), new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(expected, code, message);
        return message;
    }

    /** The one report under {@code output/_runs} that {@code which} accepts. */
    private static JsonNode report(Path output, Predicate<JsonNode> which) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        try (Stream<Path> runs = Files.list(output.resolve("_runs"))) {
            for (Path run : runs.toList()) {
                JsonNode report = JSON.readTree(run.resolve("report.json").toFile());
                if (which.test(report)) {
                    found.add(report);
                }
            }
        }
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    @Test
    void aRunThatWouldTurnOkRowsIntoPartialOnesIsRefusedAndForceCommitsIt(@TempDir Path tmp) throws Exception {
        Path samples = TestPaths.repoRoot().resolve("conf/samples/articles.jsonl");
        Path output = tmp.resolve("out");
        run(ExitCode.OK, samples, output);
        Map<String, TableReads.Key> good = TableReads.byId(output, OutputFormat.PARQUET);
        assertTrue(good.values().stream().allMatch(k -> k.status().equals("ok")), good.toString());

        // The same articles with their bodies lost (a feed fault): every row would become partial/empty_body.
        List<String> titlesOnly = new ArrayList<>();
        for (String line : Files.readAllLines(samples)) {
            ObjectNode article = (ObjectNode) JSON.readTree(line);
            article.put("body", "");
            titlesOnly.add(JSON.writeValueAsString(article));
        }
        Path bad = Inputs.writeJsonl(tmp.resolve("bad/a.jsonl"), titlesOnly, List.of());
        String refused = run(ExitCode.COMMIT_REFUSED, bad, output);
        assertTrue(refused.contains("output.max_downgrade_rate") && refused.contains("--force"), refused);
        assertEquals(good, TableReads.byId(output, OutputFormat.PARQUET), "the table is untouched");
        JsonNode report = report(output, r -> r.path("status").asText().equals("commit_refused"));
        assertEquals(6, report.path("output").path("downgrade").path("downgraded_to").path("partial").asLong());
        assertEquals("refused", report.path("output").path("downgrade").path("verdict").asText());
        assertEquals(false, report.path("output").path("committed").asBoolean());

        run(ExitCode.OK, bad, output, "--force");
        assertTrue(TableReads.byId(output, OutputFormat.PARQUET).values().stream()
                .allMatch(k -> k.status().equals("partial")), "--force commits the partial rows");
        JsonNode forced = report(output, r -> r.path("output").path("downgrade").path("verdict").asText()
                .equals("forced"));
        assertEquals("succeeded", forced.path("status").asText());
        assertTrue(forced.path("output").path("committed").asBoolean());
    }
}
