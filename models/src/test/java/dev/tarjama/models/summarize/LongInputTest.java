package dev.tarjama.models.summarize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.models.testing.TinyModels;
import dev.tarjama.models.tokenizer.TextTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inputs past the tiny BART's 256 positions: both policies handle a 1,000-word article, cut at
 * sentence boundaries, lose nothing they claim to keep, and say what they did; an input exactly at
 * the limit is untouched.
 */
class LongInputTest {

    private static final int LIMIT = 256;
    private static final Pattern TRUNCATED = Pattern.compile("input_truncated:(\\d+)->(\\d+)");
    private static final Pattern CHUNKED = Pattern.compile("chunked:(\\d+)");
    private static final String[] SENTENCES = {
        "The government announced a new plan on Tuesday to support the economy.",
        "The minister said the plan would create jobs and help families after oil prices fell sharply this year.",
        "Heavy rain and strong winds hit the capital on Friday, the weather service said.",
        "The national team won the match 2-1 and will play in the final of the tournament next week.",
        "Stock markets rose as investors welcomed the decision of the central bank to keep rates unchanged.",
        "Officials said talks with neighbouring countries would continue in the coming days.",
        "Several schools were closed and roads were flooded in the north of the country.",
    };

    private static AbstractiveSummarizer lead;
    private static AbstractiveSummarizer chunk;
    private static TextTokenizer tokenizer;

    @BeforeAll
    static void open() {
        SummarizerSpec.Builder spec = SummarizerSpec.builder().setModelDir(TinyModels.BART_OPTIMUM.toString());
        lead = AbstractiveSummarizer.open(spec.optLongInputPolicy(LongInputPolicy.TRUNCATE_LEAD).build());
        chunk = AbstractiveSummarizer.open(spec.optLongInputPolicy(LongInputPolicy.CHUNK).build());
        tokenizer = lead.tokenizer();
        assertEquals(LIMIT, lead.maxInputTokens(), "the tiny BART's max_position_embeddings");
    }

    @AfterAll
    static void close() {
        lead.close();
        chunk.close();
    }

    /** A news-like English text of exactly {@code words} words, in whole sentences but the last. */
    static String article(int words) {
        StringBuilder text = new StringBuilder();
        int count = 0;
        for (int s = 0; count < words; s++) {
            for (String word : SENTENCES[s % SENTENCES.length].split(" ")) {
                if (count == words) {
                    break;
                }
                text.append(count == 0 ? "" : " ").append(word);
                count++;
            }
        }
        return text.append('.').toString();
    }

    @Test
    void thousandWordArticleIsLeadTruncatedAtASentenceBoundaryAndNoted() {
        String text = article(1000);
        assertEquals(1000, text.split(" ").length);
        long[] ids = tokenizer.encode(text);
        assertTrue(ids.length > 4 * LIMIT, "the article is far over the limit: " + ids.length);

        AbstractiveSummary s = lead.summarize(text);
        assertEquals(1, s.notes().size(), s.notes().toString());
        Matcher m = TRUNCATED.matcher(s.notes().get(0));
        assertTrue(m.matches(), s.notes().toString());
        assertEquals(ids.length, Integer.parseInt(m.group(1)));
        int kept = Integer.parseInt(m.group(2));
        assertTrue(kept <= LIMIT && kept > LIMIT - 40, "keeps nearly the whole window: " + kept);
        assertEquals(ids.length, s.sourceTokens());
        assertTrue(s.generatedTokens() >= 56 && s.generatedTokens() <= 141, "summary length " + s.generatedTokens());

        // What the model saw: a prefix of the article that ends with a whole sentence.
        InputFitter.Fitted fitted = fitter().fit(text, ids, LongInputPolicy.TRUNCATE_LEAD);
        long[] window = fitted.windows().get(0);
        assertEquals(kept, window.length);
        String seen = tokenizer.decode(window);
        assertTrue(text.startsWith(seen), "a prefix of the text");
        assertTrue(seen.endsWith("."), "ends at a sentence boundary: ..." + seen.substring(seen.length() - 30));
        assertTrue(tokenizer.encode(text.substring(0, text.indexOf('.', seen.length()) + 1)).length > LIMIT,
                "the next sentence would not have fitted");
    }

    @Test
    void thousandWordArticleIsChunkedIntoSentenceWindowsThatCoverItAndNoted() {
        String text = article(1000);
        long[] ids = tokenizer.encode(text);

        AbstractiveSummary s = chunk.summarize(text);
        Matcher m = CHUNKED.matcher(s.notes().get(0));
        assertTrue(m.matches(), s.notes().toString());
        int windows = Integer.parseInt(m.group(1));
        assertTrue(windows >= (ids.length + LIMIT - 1) / LIMIT, "at least tokens/limit windows: " + windows);
        assertEquals(ids.length, s.sourceTokens());
        assertTrue(s.generatedTokens() >= 56 && s.generatedTokens() <= 141, "summary length " + s.generatedTokens());

        InputFitter.Fitted fitted = fitter().fit(text, ids, LongInputPolicy.CHUNK);
        assertEquals(windows, fitted.windows().size());
        List<String> parts = new ArrayList<>();
        for (long[] w : fitted.windows()) {
            assertTrue(w.length <= LIMIT, "window of " + w.length + " tokens");
            assertEquals(0L, w[0], "each window is a whole model input: <s> ...");
            assertEquals(2L, w[w.length - 1], "... </s>");
            String part = tokenizer.decode(w);
            assertTrue(part.endsWith("."), "window ends at a sentence boundary");
            parts.add(part);
        }
        assertEquals(text, String.join(" ", parts), "the windows hold the whole text, in order");
    }

    @Test
    void inputExactlyAtTheLimitIsUntouchedAndOneMoreTokenIsNot() {
        String at = textOfTokens(LIMIT);
        String over = textOfTokens(LIMIT + 1);
        for (AbstractiveSummarizer summarizer : List.of(lead, chunk)) {
            AbstractiveSummary s = summarizer.summarize(at);
            assertEquals(List.of(), s.notes(), summarizer.longInputPolicy() + " at the limit");
            assertEquals(LIMIT, s.sourceTokens());
            AbstractiveSummary o = summarizer.summarize(over);
            assertEquals(1, o.notes().size(), summarizer.longInputPolicy() + " one over: " + o.notes());
            assertEquals(LIMIT + 1, o.sourceTokens());
        }
        InputFitter.Fitted fitted = fitter().fit(at, tokenizer.encode(at), LongInputPolicy.TRUNCATE_LEAD);
        assertArrayEquals(tokenizer.encode(at), fitted.windows().get(0), "the very ids of the text");
    }

    @Test
    void oneSentenceLongerThanTheLimitIsCutByTokensAndSaysSo() {
        String runOn = article(400).replace(".", "").replace(",", "") + ".";
        long[] ids = tokenizer.encode(runOn);
        assertTrue(ids.length > 2 * LIMIT);

        AbstractiveSummary l = lead.summarize(runOn);
        assertEquals(List.of("input_truncated:" + ids.length + "->" + LIMIT, "sentence_cut"), l.notes());
        AbstractiveSummary c = chunk.summarize(runOn);
        assertTrue(c.notes().contains("sentence_cut"), c.notes().toString());

        InputFitter.Fitted fitted = fitter().fit(runOn, ids, LongInputPolicy.CHUNK);
        List<Long> content = new ArrayList<>();
        for (long[] w : fitted.windows()) {
            assertTrue(w.length <= LIMIT);
            for (int i = 1; i < w.length - 1; i++) {
                content.add(w[i]);
            }
        }
        List<Long> original = new ArrayList<>();
        for (int i = 1; i < ids.length - 1; i++) {
            original.add(ids[i]);
        }
        assertEquals(original, content, "token windows hold every token once, in order");
    }

    @Test
    void longAndShortTextsInOneCallEqualEachAlone() {
        List<String> texts = List.of(article(1000), SENTENCES[0] + " " + SENTENCES[1], "  ", article(300));
        for (AbstractiveSummarizer summarizer : List.of(lead, chunk)) {
            List<AbstractiveSummary> together = summarizer.summarize(texts);
            assertEquals(texts.size(), together.size());
            assertEquals(List.of("empty_input"), together.get(2).notes());
            assertEquals("", together.get(2).text());
            for (int i : new int[] {0, 1, 3}) {
                AbstractiveSummary alone = summarizer.summarize(texts.get(i));
                assertArrayEquals(alone.ids(), together.get(i).ids(), summarizer.longInputPolicy() + " text " + i);
                assertEquals(alone.notes(), together.get(i).notes());
            }
        }
    }

    private static InputFitter fitter() {
        return new InputFitter(tokenizer::encode, LIMIT);
    }

    /** A text that encodes to exactly {@code tokens} tokens (special tokens included). */
    private static String textOfTokens(int tokens) {
        String text = article(400);
        // Shortest prefix with at least that many tokens, then the few next lengths for an exact hit.
        int lo = 1;
        int hi = text.length();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokenizer.encode(text.substring(0, mid)).length >= tokens) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        for (int end = lo; end < Math.min(text.length(), lo + 20); end++) {
            if (tokenizer.encode(text.substring(0, end)).length == tokens) {
                return text.substring(0, end);
            }
        }
        throw new AssertionError("no prefix encodes to " + tokens + " tokens");
    }
}
