package dev.tarjama.models.summarize;

import dev.tarjama.models.text.ArabicNormalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns a sentence into the terms its similarity is computed on: Lucene's standard tokenizer,
 * lowercase, digits to ASCII, Arabic normalization, Arabic and English stop words, Arabic light
 * stemming.
 *
 * <p>Unlike Lucene's {@link ArabicAnalyzer}, stop words are removed after normalization (with a
 * normalized stop list): there they are matched before it, so a diacritized {@code مِنْ} survives as
 * a term while {@code من} does not, and the two spellings of one article would rank differently.
 * The text is first passed through {@link ArabicNormalizer#normalize}, which also removes the
 * superscript alef and Quranic marks that Lucene's normalizer keeps. Thread-safe: a Lucene
 * {@link Analyzer} keeps its token streams per thread.
 */
final class SentenceTermAnalyzer implements AutoCloseable {

    private static final CharArraySet STOP_WORDS = stopWords();

    private final Analyzer analyzer = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream result = new LowerCaseFilter(source);
            result = new DecimalDigitFilter(result);
            result = new ArabicNormalizationFilter(result);
            result = new StopFilter(result, STOP_WORDS);
            result = new ArabicStemFilter(result);
            return new TokenStreamComponents(source, result);
        }
    };

    /** The terms of {@code text}, in order, repeats kept. */
    List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("sentence", ArabicNormalizer.normalize(text))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (term.length() > 0) {
                    terms.add(term.toString());
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
        return terms;
    }

    @Override
    public void close() {
        analyzer.close();
    }

    private static CharArraySet stopWords() {
        CharArraySet set = new CharArraySet(1024, false);
        for (Object word : ArabicAnalyzer.getDefaultStopSet()) {
            set.add(ArabicNormalizer.normalize(word instanceof char[] chars ? new String(chars) : word.toString()));
        }
        for (Object word : EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) {
            set.add(word instanceof char[] chars ? new String(chars) : word.toString());
        }
        return CharArraySet.unmodifiableSet(set);
    }
}
