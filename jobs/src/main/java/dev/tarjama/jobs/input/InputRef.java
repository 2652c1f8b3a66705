package dev.tarjama.jobs.input;

import java.io.Serializable;
import java.util.Comparator;
import org.apache.spark.sql.Column;
import static org.apache.spark.sql.functions.regexp_extract;

/**
 * Where a record was read: its file, relative to the input root ({@code input.path}; the file's
 * name when that is a file), and its position in the file. Written as {@code file@byteOffset}
 * (JSON Lines), {@code file#row} (CSV and Parquet, rows counted from 0, a CSV header not counted)
 * or {@code file} (a folder of text files, one record per file). Ordered as the input is: files by
 * path, then positions as numbers, so that byte 184 comes after byte 88.
 */
public record InputRef(String file, long position, Kind kind) implements Serializable, Comparable<InputRef> {
    private static final Comparator<InputRef> ORDER = Comparator.comparing(InputRef::file)
            .thenComparingLong(InputRef::position);

    /** What {@link #position} counts. */
    public enum Kind { BYTE_OFFSET, ROW, WHOLE_FILE }

    public static InputRef byteOffset(String file, long offset) {
        return new InputRef(file, offset, Kind.BYTE_OFFSET);
    }

    public static InputRef row(String file, long row) {
        return new InputRef(file, row, Kind.ROW);
    }

    public static InputRef wholeFile(String file) {
        return new InputRef(file, 0, Kind.WHOLE_FILE);
    }

    @Override
    public int compareTo(InputRef other) {
        return ORDER.compare(this, other);
    }

    /** The {@code input_ref} column's text. */
    @Override
    public String toString() {
        return switch (kind) {
            case BYTE_OFFSET -> file + "@" + position;
            case ROW -> file + "#" + position;
            case WHOLE_FILE -> file;
        };
    }

    /**
     * Sort columns that put {@code input_ref} texts in input order (file, then position as a
     * number): for ordering rows that carry only the text.
     */
    public static Column[] inputOrder(Column inputRef) {
        String pattern = "^(.*)[@#]([0-9]+)$";
        Column position = regexp_extract(inputRef, pattern, 2);
        Column file = regexp_extract(inputRef, pattern, 1);
        // A whole-file ref has no position: the regex finds nothing and the text itself is the file.
        return new Column[] {
            org.apache.spark.sql.functions.when(position.equalTo(""), inputRef).otherwise(file),
            org.apache.spark.sql.functions.when(position.equalTo(""), 0L).otherwise(position.cast("long"))
        };
    }
}
