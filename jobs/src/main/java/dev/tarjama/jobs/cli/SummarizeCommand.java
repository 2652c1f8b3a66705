package dev.tarjama.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.models.onnx.Precision;
import dev.tarjama.models.summarize.AbstractiveSummarizer;
import dev.tarjama.models.summarize.AbstractiveSummary;
import dev.tarjama.models.summarize.ExtractiveSummarizer;
import dev.tarjama.models.summarize.ExtractiveSummary;
import dev.tarjama.models.summarize.LongInputPolicy;
import dev.tarjama.models.summarize.SummarizerSpec;
import dev.tarjama.models.summarize.SummaryBudget;
import dev.tarjama.models.summarize.SummaryOptions;
import dev.tarjama.models.text.ArabicCleaner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code tarjama summarize}: one text per input line, one summary per output line, in order; no
 * Spark. With {@code --model} each line is English and the BART model writes the summary; with
 * {@code --extractive} each line is an Arabic article and its top sentences are the summary.
 */
public final class SummarizeCommand {

    static final String USAGE = "summarize --model DIR [--beams N] [--policy truncate|chunk] [--max-input-tokens N]"
            + " [--precision fp32|int8] [--threads N] [--batch-lines N] | --extractive [--sentences N|--words N]"
            + " ; [--json] [FILE|-]";
    private static final Set<String> OPTIONS = Set.of("model", "beams", "policy", "max-input-tokens", "precision",
            "threads", "batch-lines", "sentences", "words");
    private static final Set<String> FLAGS = Set.of("extractive", "json");

    private SummarizeCommand() {}

    public static int run(String[] argv) throws IOException {
        Args args = Args.parse(argv, OPTIONS, FLAGS);
        if (args.positional().size() > 1) {
            throw new UsageException("one input file at most; usage: " + USAGE);
        }
        boolean extractive = args.flag("extractive");
        String modelDir = args.get("model", null);
        if (extractive == (modelDir != null)) {
            throw new UsageException("give exactly one of --model DIR or --extractive; usage: " + USAGE);
        }
        String input = args.positional().isEmpty() ? "-" : args.positional().get(0);
        if (!input.equals("-") && !Files.isRegularFile(Path.of(input))) {
            throw new UsageException("input file not found: " + input);
        }
        boolean json = args.flag("json");
        ObjectMapper mapper = new ObjectMapper();
        if (extractive) {
            return extractive(args, input, json, mapper);
        }
        Path model = Path.of(modelDir);
        if (!Files.isDirectory(model)) {
            throw new UsageException("model folder not found: " + model);
        }
        SummarizerSpec spec = SummarizerSpec.builder().setModelDir(model.toString())
                .optPrecision(Args.precision(args.get("precision", "fp32")))
                .optThreads(args.intValue("threads", Runtime.getRuntime().availableProcessors()), 1)
                .optNumBeams(args.intValue("beams", 0))
                .optLongInputPolicy(policy(args.get("policy", "truncate")))
                .optMaxInputTokens(args.intValue("max-input-tokens", 0))
                .build();
        int batchLines = Math.max(1, args.intValue("batch-lines", 64));

        try (AbstractiveSummarizer summarizer = AbstractiveSummarizer.open(spec);
             BufferedReader in = LineGroups.open(input);
             PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
            LineGroups.forEach(in, batchLines, lines -> {
                for (AbstractiveSummary s : summarizer.summarize(lines)) {
                    out.println(json ? mapper.writeValueAsString(toJson(mapper, s)) : oneLine(s.text()));
                }
                out.flush();
            });
        }
        return ExitCode.OK;
    }

    /** Arabic articles in, their extractive Arabic summaries out; no model, one line at a time. */
    private static int extractive(Args args, String input, boolean json, ObjectMapper mapper) throws IOException {
        if (args.get("sentences", null) != null && args.get("words", null) != null) {
            throw new UsageException("give --sentences N or --words N, not both");
        }
        SummaryOptions.Builder options = SummaryOptions.defaults().toBuilder();
        if (args.get("sentences", null) != null) {
            options.optBudget(SummaryBudget.sentences(args.intValue("sentences", 0)));
        } else if (args.get("words", null) != null) {
            options.optBudget(SummaryBudget.words(args.intValue("words", 0)));
        }
        ArabicCleaner cleaner = new ArabicCleaner();
        try (ExtractiveSummarizer summarizer = new ExtractiveSummarizer(options.build());
             BufferedReader in = LineGroups.open(input);
             PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                ExtractiveSummary s = summarizer.summarize(cleaner.clean(line));
                if (!json) {
                    out.println(oneLine(s.text()));
                    continue;
                }
                ObjectNode node = mapper.createObjectNode();
                node.put("text", s.text());
                node.putArray("ids"); // no model, no token ids
                node.putNull("score");
                ArrayNode notes = node.putArray("notes");
                notes.add("extractive:" + s.sentences().size() + "/" + s.sourceSentences());
                if (s.overBudget()) {
                    notes.add("over_budget");
                }
                out.println(mapper.writeValueAsString(node));
            }
        }
        return ExitCode.OK;
    }

    static LongInputPolicy policy(String value) {
        return switch (value) {
            case "truncate" -> LongInputPolicy.TRUNCATE_LEAD;
            case "chunk" -> LongInputPolicy.CHUNK;
            default -> throw new UsageException("--policy takes truncate or chunk, got '" + value + "'");
        };
    }


    /** DESIGN §7's object plus the notes that say how a long input was fitted. */
    private static ObjectNode toJson(ObjectMapper mapper, AbstractiveSummary s) {
        ObjectNode node = mapper.createObjectNode();
        node.put("text", s.text());
        ArrayNode ids = node.putArray("ids");
        for (long id : s.ids()) {
            ids.add(id);
        }
        node.put("score", s.score());
        ArrayNode notes = node.putArray("notes");
        s.notes().forEach(notes::add);
        return node;
    }

    /** Keeps the one-line-per-input contract. */
    private static String oneLine(String text) {
        return text.replace('\n', ' ').replaceAll(" {2,}", " ").strip();
    }
}
