package dev.tarjama.jobs.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Pulls a partition one micro-batch at a time, so that a partition is never held in memory whole
 * while the model still sees many articles per call: a batch closes when {@code size} of its
 * items need the model (items decided without it ride along), or the input ends.
 *
 * @param <T> an input item
 * @param <R> its result; {@code process} returns one per item, in order
 */
public final class MicroBatches<T, R> implements Iterator<R> {
    private final Iterator<T> input;
    private final int size;
    private final Predicate<T> needsModel;
    private final Function<List<T>, List<R>> process;
    private final Deque<R> ready = new ArrayDeque<>();

    public MicroBatches(Iterator<T> input, int size, Predicate<T> needsModel, Function<List<T>, List<R>> process) {
        this.input = input;
        this.size = size;
        this.needsModel = needsModel;
        this.process = process;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && input.hasNext()) {
            List<T> batch = new ArrayList<>();
            int forModel = 0;
            while (forModel < size && input.hasNext()) {
                T item = input.next();
                batch.add(item);
                forModel += needsModel.test(item) ? 1 : 0;
            }
            List<R> results = process.apply(batch);
            if (results.size() != batch.size()) {
                throw new IllegalStateException(results.size() + " results for " + batch.size() + " items");
            }
            ready.addAll(results);
        }
        return !ready.isEmpty();
    }

    @Override
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }
}
