package dev.tarjama.spark;

import dev.tarjama.jobs.config.ConfigKey;
import dev.tarjama.jobs.config.JobConfig;
import java.nio.charset.StandardCharsets;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** What the ML stages share: input column checks, output column layout, settings overrides. */
final class StageColumns {
    private StageColumns() {}

    /** The index of text column {@code name} in {@code schema}; throws when absent or neither string nor binary. */
    static int textColumn(StructType schema, String name) {
        if (name == null || name.isEmpty() || !java.util.Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("input column '" + name + "' is not in the input (columns: "
                    + String.join(", ", schema.fieldNames()) + ")");
        }
        DataType type = schema.apply(name).dataType();
        if (!(type instanceof StringType) && !(type instanceof BinaryType)) {
            throw new IllegalArgumentException("input column '" + name + "' must be a string (or binary UTF-8),"
                    + " it is " + type.simpleString());
        }
        return schema.fieldIndex(name);
    }

    /** {@code schema} with the new column {@code name}; an empty name adds nothing. */
    static StructType add(StructType schema, String name, DataType type) {
        if (name == null || name.isEmpty()) {
            return schema;
        }
        if (java.util.Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new IllegalArgumentException("output column '" + name + "' already exists");
        }
        return schema.add(new StructField(name, type, true, org.apache.spark.sql.types.Metadata.empty()));
    }

    /** The text in column {@code index} of {@code row} (binary decoded as UTF-8, bad bytes as U+FFFD). */
    static String text(Row row, int index, boolean binary) {
        if (row.isNullAt(index)) {
            return null;
        }
        return binary ? new String((byte[]) row.get(index), StandardCharsets.UTF_8) : row.getString(index);
    }

    /** {@code config} with {@code key} from {@code param} when the stage sets it. */
    static JobConfig override(JobConfig config, Params stage, Param<?> param, ConfigKey key) {
        return stage.isSet(param) ? config.with(key, String.valueOf(stage.getOrDefault(param))) : config;
    }

    /** The row's values followed by {@code extra}. */
    static Object[] append(Row row, Object... extra) {
        Object[] values = new Object[row.length() + extra.length];
        for (int i = 0; i < row.length(); i++) {
            values[i] = row.get(i);
        }
        System.arraycopy(extra, 0, values, row.length(), extra.length);
        return values;
    }
}
