package io.patchflow.advisory.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits long IN lists: databases limit the number of bind parameters in one statement. */
public final class Chunks {

    static final int SIZE = 500;

    private Chunks() {
    }

    public static <T> List<List<T>> of(Collection<T> values) {
        List<T> all = new ArrayList<>(values);
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += SIZE) {
            chunks.add(all.subList(i, Math.min(all.size(), i + SIZE)));
        }
        return chunks;
    }
}
