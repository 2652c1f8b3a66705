package dev.tarjama.jobs.exec;

import dev.tarjama.models.translate.TranslationPipeline;
import org.apache.spark.util.LongAccumulator;

/**
 * The part of a running micro-batch that the model has translated, as thousandths of its
 * articles in an accumulator, so that executor heartbeats carry progress between the micro-batch's
 * model batches ({@link ProgressLog}). Closing takes it back out: the articles are then counted
 * whole, once each, when their rows are emitted.
 */
final class BatchProgress implements TranslationPipeline.Progress, AutoCloseable {
    /** Accumulator units per article. */
    static final long UNIT = 1000;

    private final LongAccumulator inFlight;
    private final int articles;
    private long added;

    BatchProgress(LongAccumulator inFlight, int articles) {
        this.inFlight = inFlight;
        this.articles = articles;
    }

    @Override
    public void batchDone(int piecesDone, int piecesTotal) {
        long target = piecesTotal == 0 ? 0 : articles * UNIT * piecesDone / piecesTotal;
        inFlight.add(target - added);
        added = target;
    }

    @Override
    public void close() {
        inFlight.add(-added);
        added = 0;
    }
}
