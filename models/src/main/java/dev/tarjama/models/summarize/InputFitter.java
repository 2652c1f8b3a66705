package dev.tarjama.models.summarize;

import dev.tarjama.models.text.Sentence;
import dev.tarjama.models.text.SentenceSplitter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Fits one text into model inputs of at most {@code limit} tokens (special tokens included) by a
 * {@link LongInputPolicy}, cutting at sentence boundaries where it can. Pure apart from the
 * encoder it is given; thread-safe when the encoder is.
 */
final class InputFitter {

    /** The model inputs for one text and what was done to get them (empty notes: untouched). */
    record Fitted(List<long[]> windows, List<String> notes) {
        Fitted {
            windows = List.copyOf(windows);
            notes = List.copyOf(notes);
        }
    }

    private final Function<String, long[]> encoder;
    private final int limit;
    private final SentenceSplitter splitter = new SentenceSplitter();
    /** The special tokens the encoder puts before the text (BART: {@code <s>}). */
    private final long[] head;
    /** The special tokens the encoder puts after the text (BART: {@code </s>}). */
    private final long[] tail;

    InputFitter(Function<String, long[]> encoder, int limit) {
        this.encoder = encoder;
        this.limit = limit;
        long[] empty = encoder.apply("");
        long[] probe = encoder.apply("a");
        int p = 0;
        while (p < empty.length && p < probe.length && empty[p] == probe[p]) {
            p++;
        }
        head = Arrays.copyOfRange(empty, 0, p);
        tail = Arrays.copyOfRange(empty, p, empty.length);
        if (limit <= empty.length) {
            throw new IllegalArgumentException("input limit " + limit + " leaves no room besides "
                    + empty.length + " special tokens");
        }
    }

    int limit() {
        return limit;
    }

    /** Inputs for {@code text}, whose encoding is {@code ids}; a text that fits is one window, untouched. */
    Fitted fit(String text, long[] ids, LongInputPolicy policy) {
        if (ids.length <= limit) {
            return new Fitted(List.of(ids), List.of());
        }
        return switch (policy) {
            case TRUNCATE_LEAD -> truncateLead(text, ids);
            case CHUNK -> chunk(text);
        };
    }

    private Fitted truncateLead(String text, long[] ids) {
        List<Sentence> sentences = splitter.sentences(text);
        // Largest number of leading sentences whose encoding fits; counts grow with the prefix.
        long[] best = null;
        int lo = 1;
        int hi = sentences.size();
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long[] encoded = encoder.apply(text.substring(0, sentences.get(mid - 1).end()));
            if (encoded.length <= limit) {
                best = encoded;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        List<String> notes = new ArrayList<>();
        if (best == null) {
            best = slice(ids, 0); // the first sentence alone is too long: its first tokens
            notes.add("input_truncated:" + ids.length + "->" + best.length);
            notes.add("sentence_cut");
        } else {
            notes.add("input_truncated:" + ids.length + "->" + best.length);
        }
        return new Fitted(List.of(best), notes);
    }

    private Fitted chunk(String text) {
        List<Sentence> sentences = splitter.sentences(text);
        int overhead = head.length + tail.length;
        int[] estimate = new int[sentences.size()];
        for (int s = 0; s < estimate.length; s++) {
            // Inside a window a sentence follows a space, which byte-level BPE folds into its first token.
            estimate[s] = encoder.apply(" " + sentences.get(s).text()).length - overhead;
        }
        List<long[]> windows = new ArrayList<>();
        boolean cut = false;
        int i = 0;
        while (i < sentences.size()) {
            int j = i;
            int tokens = overhead;
            while (j < sentences.size() && (j == i || tokens + estimate[j] <= limit)) {
                tokens += estimate[j];
                j++;
            }
            while (true) {
                long[] encoded = encoder.apply(text.substring(sentences.get(i).start(), sentences.get(j - 1).end()));
                if (encoded.length <= limit) {
                    windows.add(encoded);
                    break;
                }
                if (j - i == 1) {
                    int content = encoded.length - overhead;
                    for (int from = 0; from < content; from += limit - overhead) {
                        windows.add(slice(encoded, from));
                    }
                    cut = true;
                    break;
                }
                j--; // the estimate was short: give the last sentence to the next window
            }
            i = j;
        }
        List<String> notes = new ArrayList<>();
        notes.add("chunked:" + windows.size());
        if (cut) {
            notes.add("sentence_cut");
        }
        return new Fitted(windows, notes);
    }

    /** The content tokens of {@code encoded} from {@code from}, as many as fit, with the special tokens around them. */
    private long[] slice(long[] encoded, int from) {
        int contentEnd = encoded.length - tail.length;
        int start = head.length + from;
        int end = Math.min(contentEnd, start + limit - head.length - tail.length);
        long[] out = new long[head.length + (end - start) + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(encoded, start, out, head.length, end - start);
        System.arraycopy(tail, 0, out, head.length + (end - start), tail.length);
        return out;
    }
}
