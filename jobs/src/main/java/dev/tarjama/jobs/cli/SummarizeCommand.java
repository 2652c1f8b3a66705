package dev.tarjama.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.models.hub.CatalogEntry;
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
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tarjama summarize}: one text per input line, one summary per output line, in order; no
 * Spark. With {@code --model} each line is English and the BART model writes the summary; with
 * {@code --extractive} each line is an Arabic article and its top sentences are the summary.
 */
@Command(name = "summarize", sortOptions = false,
        description = {"Summarize one text per input line into one summary line, in order, without Spark.",
            "--model DIR: English text, summarized by a BART model; --extractive: Arabic text, its top sentences."})
public final class SummarizeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR",
            description = {"The BART summarization model folder (ONNX export), or a zip from 'models pack'.",
                "Default (without --extractive): the catalog's distilbart-cnn-6-6 from the Hugging Face cache,"
                        + " fetched on first use."})
    private Path model;

    @Option(names = "--extractive", description = "No model: keep the top sentences of each Arabic line.")
    private boolean extractive;

    @Option(names = "--beams", paramLabel = "N", defaultValue = "0",
            description = "Beam width of the model; 0 = its generation_config.json.")
    private int beams;

    @Option(names = "--policy", paramLabel = "POLICY", defaultValue = "truncate", completionCandidates = Policies.class,
            description = "Inputs longer than the model's limit: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    private String policy;

    @Option(names = "--max-input-tokens", paramLabel = "N", defaultValue = "0",
            description = "Input token limit; 0 = the model's own.")
    private int maxInputTokens;

    @Mixin
    private InferenceOptions inference;

    @Mixin
    private SetOption set;

    @Option(names = "--batch-lines", paramLabel = "N", defaultValue = "64",
            description = "Lines summarized together (output streams per group). Default: ${DEFAULT-VALUE}.")
    private int batchLines;

    @Option(names = "--sentences", paramLabel = "N", description = "--extractive: sentences per summary (default 3).")
    private Integer sentences;

    @Option(names = "--words", paramLabel = "N", description = "--extractive: words per summary instead of sentences.")
    private Integer words;

    @Option(names = "--json", description = "Write {\"text\", \"ids\", \"score\", \"notes\"} per line.")
    private boolean json;

    @Mixin
    private LineInput lineInput;

    @Mixin
    private FetchOptions fetch;

    @Override
    public Integer call() throws IOException {
        if (extractive && model != null) {
            throw new UsageException("give --model DIR or --extractive, not both");
        }
        String input = lineInput.checked();
        ObjectMapper mapper = new ObjectMapper();
        PrintWriter out = spec.commandLine().getOut();
        GenerationSets generation = GenerationSets.of(set, "summarize");
        if (extractive && !set.assignments().isEmpty()) {
            throw new UsageException("--set sets generation keys of --model; --extractive generates nothing");
        }
        if (extractive) {
            return extractive(input, mapper, out);
        }
        Path folder = model != null ? FetchOptions.modelFolder(model)
                : fetch.defaultModel(CatalogEntry.Task.SUMMARIZATION, inference.precision(), spec.commandLine().getErr())
                        .orElseThrow(() -> fetch.noModel(CatalogEntry.Task.SUMMARIZATION, "--model DIR or --extractive"));
        SummarizerSpec summarizerSpec = SummarizerSpec.builder().setModelDir(folder.toString())
                .optPrecision(inference.precision())
                .optThreads(inference.threads(), 1)
                .optNumBeams(beams)
                .optLongInputPolicy(policy(policy))
                .optMaxInputTokens(maxInputTokens)
                .build();
        try (AbstractiveSummarizer summarizer = AbstractiveSummarizer.open(summarizerSpec, generation::applyTo);
             BufferedReader in = LineGroups.open(input)) {
            LineGroups.forEach(in, Math.max(1, batchLines), lines -> {
                for (AbstractiveSummary s : summarizer.summarize(lines)) {
                    out.println(json ? mapper.writeValueAsString(toJson(mapper, s)) : LineGroups.oneLine(s.text()));
                }
                out.flush();
            });
        }
        return ExitCode.OK;
    }

    /** Arabic articles in, their extractive Arabic summaries out; no model, one line at a time. */
    private int extractive(String input, ObjectMapper mapper, PrintWriter out) throws IOException {
        if (sentences != null && words != null) {
            throw new UsageException("give --sentences N or --words N, not both");
        }
        SummaryOptions.Builder options = SummaryOptions.defaults().toBuilder();
        if (sentences != null) {
            options.optBudget(SummaryBudget.sentences(sentences));
        } else if (words != null) {
            options.optBudget(SummaryBudget.words(words));
        }
        ArabicCleaner cleaner = new ArabicCleaner();
        try (ExtractiveSummarizer summarizer = new ExtractiveSummarizer(options.build());
             BufferedReader in = LineGroups.open(input)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                ExtractiveSummary s = summarizer.summarize(cleaner.clean(line));
                if (!json) {
                    out.println(LineGroups.oneLine(s.text()));
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
        out.flush();
        return ExitCode.OK;
    }

    /** The values of {@code --policy}, for help and completion. */
    static final class Policies implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("truncate", "chunk").iterator();
        }
    }

    static LongInputPolicy policy(String value) {
        return switch (value) {
            case "truncate" -> LongInputPolicy.TRUNCATE_LEAD;
            case "chunk" -> LongInputPolicy.CHUNK;
            default -> throw new UsageException("--policy takes truncate or chunk, got '" + value + "'");
        };
    }


    /** The object of {@code summarize --json} (README), plus the notes that say how a long input was fitted. */
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

}
