package dev.tarjama.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.models.hub.CatalogEntry;
import dev.tarjama.models.translate.ArticleTranslation;
import dev.tarjama.models.translate.RawTranslation;
import dev.tarjama.models.translate.SegmentTranslation;
import dev.tarjama.models.translate.SourceArticle;
import dev.tarjama.models.translate.TranslationPipeline;
import dev.tarjama.models.translate.TranslatorSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tarjama translate}: one text per input line, one translation per output line, in order;
 * no Spark. Without {@code --raw} each line is cleaned and split into sentences like the batch job
 * does; with it the line goes to the model as it is.
 */
@Command(name = "translate", sortOptions = false,
        description = {"Translate Arabic text, one text per input line, to one English line per input line,"
                + " in order, without Spark.",
            "Each line is cleaned and split into sentences as the batch job does (--raw: sent as it is)."})
public final class TranslateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR",
            description = {"The translation model folder (ONNX export, docs/models.md), or a zip from 'models pack'.",
                "Default: the catalog's opus-mt-ar-en from the Hugging Face cache, fetched on first use."})
    private Path model;

    @Option(names = "--beams", paramLabel = "N", defaultValue = "0",
            description = "Beam width; 1 = greedy, 0 = the model's generation_config.json.")
    private int beams;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "0",
            description = "Most tokens generated per sentence piece; 0 = the model's setting.")
    private int maxNewTokens;

    @Mixin
    private InferenceOptions inference;

    @Mixin
    private SetOption set;

    @Option(names = "--batch-lines", paramLabel = "N", defaultValue = "256",
            description = "Lines read before they are translated together (output streams per group)."
                    + " Default: ${DEFAULT-VALUE}.")
    private int batchLines;

    @Option(names = "--raw", description = "Send each line to the model as it is (no cleaning or sentence split).")
    private boolean raw;

    @Option(names = "--json", description = "Write {\"text\", \"ids\", \"score\", \"segments\"} per line"
            + " (--raw: \"notes\" instead of \"segments\"); a note max_length marks a length limit.")
    private boolean json;

    @Mixin
    private LineInput lineInput;

    @Mixin
    private FetchOptions fetch;

    @Override
    public Integer call() throws IOException {
        String input = lineInput.checked();
        Path folder = model != null ? FetchOptions.modelFolder(model)
                : fetch.defaultModel(CatalogEntry.Task.TRANSLATION, inference.precision(), spec.commandLine().getErr())
                        .orElseThrow(() -> fetch.noModel(CatalogEntry.Task.TRANSLATION, "--model DIR"));
        TranslatorSpec translator = GenerationSets.of(set, "translate").applyTo(TranslatorSpec.builder()
                .setModelDir(folder.toString()).optPrecision(inference.precision()).optThreads(inference.threads(), 1)
                .optNumBeams(beams).optMaxNewTokens(maxNewTokens).optBatchLimits(8192, 64)).build();
        ObjectMapper mapper = new ObjectMapper();
        PrintWriter out = spec.commandLine().getOut();
        try (TranslationPipeline pipeline = TranslationPipeline.open(translator);
             BufferedReader in = LineGroups.open(input)) {
            LineGroups.forEach(in, Math.max(1, batchLines), lines -> {
                write(pipeline, lines, raw, json, mapper, out);
                out.flush();
            });
        }
        return ExitCode.OK;
    }

    private static void write(TranslationPipeline pipeline, List<String> lines, boolean raw, boolean json,
                              ObjectMapper mapper, PrintWriter out) throws IOException {
        if (raw) {
            for (RawTranslation t : pipeline.translateRaw(lines)) {
                out.println(json ? mapper.writeValueAsString(rawJson(mapper, t)) : LineGroups.oneLine(t.text()));
            }
            return;
        }
        List<SourceArticle> articles = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            articles.add(new SourceArticle(Integer.toString(i), "", lines.get(i)));
        }
        for (ArticleTranslation t : pipeline.translate(articles)) {
            out.println(json ? mapper.writeValueAsString(articleJson(mapper, t)) : LineGroups.oneLine(t.bodyEn()));
        }
    }

    private static ObjectNode rawJson(ObjectMapper mapper, RawTranslation t) {
        ObjectNode node = mapper.createObjectNode();
        node.put("text", t.text());
        ArrayNode ids = node.putArray("ids");
        for (long id : t.ids()) {
            ids.add(id);
        }
        node.put("score", t.score());
        node.putPOJO("notes", t.stoppedByLength() ? List.of("max_length") : List.of());
        return node;
    }

    /** The README's {@code translate --json} object; {@code ids} concatenates the segments' ids and {@code segments} details them. */
    private static ObjectNode articleJson(ObjectMapper mapper, ArticleTranslation t) {
        ObjectNode node = mapper.createObjectNode();
        node.put("text", t.bodyEn());
        ArrayNode ids = node.putArray("ids");
        double weighted = 0;
        int generated = 0;
        ArrayNode segments = mapper.createArrayNode();
        for (SegmentTranslation s : t.segments()) {
            for (long id : s.ids()) {
                ids.add(id);
            }
            weighted += s.score() * s.generatedTokens();
            generated += s.generatedTokens();
            ObjectNode seg = segments.addObject();
            seg.put("ar", s.source());
            seg.put("en", s.target());
            seg.put("score", s.score());
            seg.putPOJO("notes", s.notes());
        }
        node.put("score", generated == 0 ? 0.0 : weighted / generated);
        node.set("segments", segments);
        return node;
    }

}
