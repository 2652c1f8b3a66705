package dev.tarjama.jobs.output;

import java.util.Map;

/**
 * The downgrade guard's verdict: of the existing {@code ok} rows a run would replace, how many
 * would become {@code partial}, {@code failed} or {@code skipped} rows. Above
 * {@code output.max_downgrade_rate} the run refuses to commit unless forced: a mapping typo or a
 * broken model must not silently replace good rows with worse ones.
 *
 * @param okReplaced existing ok rows the run replaces
 * @param downgradedTo of those, how many become each other status
 * @param forced {@code run --force} was given
 */
public record Downgrade(long okReplaced, Map<String, Long> downgradedTo, double maxRate, boolean forced) {
    public Downgrade {
        downgradedTo = Map.copyOf(downgradedTo);
    }

    public long downgraded() {
        return downgradedTo.values().stream().mapToLong(Long::longValue).sum();
    }

    public double rate() {
        return okReplaced == 0 ? 0 : (double) downgraded() / okReplaced;
    }

    public boolean overLimit() {
        return rate() > maxRate;
    }

    /** True when the commit must not happen. */
    public boolean refuses() {
        return overLimit() && !forced;
    }

    /** One line for people: what would happen and what to do. */
    public String describe() {
        String what = String.format("%d of the %d existing ok rows this run replaces (%.1f%%) would become %s",
                downgraded(), okReplaced, 100 * rate(), downgradedTo);
        if (!overLimit()) {
            return what + ", within output.max_downgrade_rate=" + maxRate;
        }
        return what + ", above output.max_downgrade_rate=" + maxRate
                + (forced ? "; committed anyway (--force)" : "; nothing was written. Check the input and its"
                + " column mapping; run with --force to commit anyway");
    }
}
