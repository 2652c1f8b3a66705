package dev.tarjama.jobs.batch.report;

import java.util.List;

/** The report's {@code malformed}: how many records could not be read, and the first ones by input position. */
public record Malformed(long count, List<RecordRef> sample) {

    public Malformed {
        sample = List.copyOf(sample);
    }
}
