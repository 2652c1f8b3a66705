package dev.tarjama.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.models.translate.ArticleTranslation;
import dev.tarjama.models.translate.RawTranslation;
import dev.tarjama.models.translate.SegmentTranslation;
import dev.tarjama.models.translate.SourceArticle;
import dev.tarjama.models.translate.TranslationPipeline;
import dev.tarjama.models.onnx.Precision;
import dev.tarjama.models.translate.TranslatorSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code tarjama translate}: one text per input line, one translation per output line, in order;
 * no Spark. Without {@code --raw} each line is cleaned and split into sentences like the batch job
 * does; with it the line goes to the model as it is.
 */
public final class TranslateCommand {

    static final String USAGE = "translate --model DIR [--beams N] [--max-new-tokens N] [--precision fp32|int8]"
            + " [--threads N] [--batch-lines N] [--raw] [--json] [FILE|-]";
    private static final Set<String> OPTIONS =
            Set.of("model", "beams", "max-new-tokens", "precision", "threads", "batch-lines");
    private static final Set<String> FLAGS = Set.of("raw", "json");

    private TranslateCommand() {}

    public static int run(String[] argv) throws IOException {
        Args args = Args.parse(argv, OPTIONS, FLAGS);
        if (args.positional().size() > 1) {
            throw new UsageException("one input file at most; usage: " + USAGE);
        }
        Path model = Path.of(args.require("model"));
        if (!Files.isDirectory(model)) {
            throw new UsageException("model folder not found: " + model);
        }
        String input = args.positional().isEmpty() ? "-" : args.positional().get(0);
        if (!input.equals("-") && !Files.isRegularFile(Path.of(input))) {
            throw new UsageException("input file not found: " + input);
        }
        int threads = args.intValue("threads", Runtime.getRuntime().availableProcessors());
        TranslatorSpec spec = TranslatorSpec.builder().setModelDir(model.toString())
                .optPrecision(Args.precision(args.get("precision", "fp32"))).optThreads(threads, 1)
                .optNumBeams(args.intValue("beams", 0)).optMaxNewTokens(args.intValue("max-new-tokens", 0))
                .optBatchLimits(8192, 64).build();
        int batchLines = Math.max(1, args.intValue("batch-lines", 256));
        boolean raw = args.flag("raw");
        boolean json = args.flag("json");
        ObjectMapper mapper = new ObjectMapper();

        try (TranslationPipeline pipeline = TranslationPipeline.open(spec);
             BufferedReader in = LineGroups.open(input);
             PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
            LineGroups.forEach(in, batchLines, lines -> {
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
                out.println(json ? mapper.writeValueAsString(rawJson(mapper, t)) : oneLine(t.text()));
            }
            return;
        }
        List<SourceArticle> articles = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            articles.add(new SourceArticle(Integer.toString(i), "", lines.get(i)));
        }
        for (ArticleTranslation t : pipeline.translate(articles)) {
            out.println(json ? mapper.writeValueAsString(articleJson(mapper, t)) : oneLine(t.bodyEn()));
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
        return node;
    }

    /** DESIGN §7's object; {@code ids} concatenates the segments' ids and {@code segments} details them. */
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

    /** Keeps the one-line-per-input contract even when a translation holds paragraph breaks. */
    private static String oneLine(String text) {
        return text.replace('\n', ' ').replaceAll(" {2,}", " ").strip();
    }
}
