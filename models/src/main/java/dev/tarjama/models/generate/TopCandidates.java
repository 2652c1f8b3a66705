package dev.tarjama.models.generate;

/**
 * The best {@code capacity} (score, flat index) pairs of a stream, without sorting the stream:
 * a bounded min-heap whose root is the worst kept pair. Higher score wins; the lower index wins
 * ties. Reused across steps to avoid allocation.
 */
final class TopCandidates {

    private final int capacity;
    private final float[] scores;
    private final int[] indices;
    private int size;

    TopCandidates(int capacity) {
        this.capacity = capacity;
        this.scores = new float[capacity];
        this.indices = new int[capacity];
    }

    void clear() {
        size = 0;
    }

    int size() {
        return size;
    }

    float score(int rank) {
        return scores[rank];
    }

    int index(int rank) {
        return indices[rank];
    }

    void offer(float score, int index) {
        if (size < capacity) {
            scores[size] = score;
            indices[size] = index;
            siftUp(size++);
        } else if (better(score, index, scores[0], indices[0])) {
            scores[0] = score;
            indices[0] = index;
            siftDown(0);
        }
    }

    /**
     * Offers {@code (values[v] + add, base + v)} for every {@code v}, as {@link #offer} would one by
     * one. Callers offer in increasing index order (every index above all indices offered before),
     * so a score equal to the worst kept one loses on its index and one comparison rejects most
     * entries: the loop a beam step runs over each beam's whole vocabulary.
     */
    void offerAll(float[] values, float add, int base) {
        int v = 0;
        for (; v < values.length && size < capacity; v++) {
            offer(values[v] + add, base + v);
        }
        if (size == 0) {
            return;
        }
        float worst = scores[0];
        for (; v < values.length; v++) {
            float score = values[v] + add;
            if (score > worst) {
                scores[0] = score;
                indices[0] = base + v;
                siftDown(0);
                worst = scores[0];
            }
        }
    }

    /** Orders the kept pairs best first; afterwards rank 0 is the best. */
    void sortBestFirst() {
        for (int i = 1; i < size; i++) {
            float s = scores[i];
            int x = indices[i];
            int j = i - 1;
            while (j >= 0 && better(s, x, scores[j], indices[j])) {
                scores[j + 1] = scores[j];
                indices[j + 1] = indices[j];
                j--;
            }
            scores[j + 1] = s;
            indices[j + 1] = x;
        }
    }

    private static boolean better(float s1, int i1, float s2, int i2) {
        return s1 > s2 || (s1 == s2 && i1 < i2);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!better(scores[parent], indices[parent], scores[i], indices[i])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int worst = left;
            int right = left + 1;
            if (right < size && better(scores[worst], indices[worst], scores[right], indices[right])) {
                worst = right;
            }
            if (!better(scores[i], indices[i], scores[worst], indices[worst])) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        float s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
        int x = indices[a];
        indices[a] = indices[b];
        indices[b] = x;
    }
}
