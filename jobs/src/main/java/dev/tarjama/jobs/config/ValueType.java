package dev.tarjama.jobs.config;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The type of a configuration value: checks a raw string and says what was expected. */
public interface ValueType {

    /** Returns {@code null} when {@code raw} is valid, otherwise what was expected. */
    String problem(String raw);

    ValueType STRING = raw -> null;

    /** {@code true} or {@code false}. */
    ValueType BOOLEAN = raw -> raw.trim().equals("true") || raw.trim().equals("false") ? null : "true or false";

    ValueType POSITIVE_INT = raw -> {
        try {
            return Integer.parseInt(raw.trim()) > 0 ? null : "a positive integer";
        } catch (NumberFormatException e) {
            return "a positive integer";
        }
    };

    ValueType NON_NEGATIVE_INT = raw -> {
        try {
            return Integer.parseInt(raw.trim()) >= 0 ? null : "an integer >= 0";
        } catch (NumberFormatException e) {
            return "an integer >= 0";
        }
    };

    ValueType NON_NEGATIVE_DOUBLE = raw -> {
        try {
            double v = Double.parseDouble(raw.trim());
            return v >= 0 && Double.isFinite(v) ? null : "a number >= 0";
        } catch (NumberFormatException e) {
            return "a number >= 0";
        }
    };

    ValueType FRACTION = raw -> {
        try {
            double v = Double.parseDouble(raw.trim());
            return v >= 0 && v <= 1 ? null : "a number between 0 and 1";
        } catch (NumberFormatException e) {
            return "a number between 0 and 1";
        }
    };

    /** Empty (meaning: not set) or an ISO date {@code yyyy-MM-dd}. */
    ValueType OPTIONAL_DATE = raw -> {
        if (raw.isBlank()) {
            return null;
        }
        try {
            LocalDate.parse(raw.trim());
            return null;
        } catch (DateTimeParseException e) {
            return "a date yyyy-MM-dd or empty";
        }
    };

    /** A summary length: {@code N sentences} or {@code N words}, N > 0. */
    ValueType SUMMARY_BUDGET = raw -> raw.trim().matches("[1-9][0-9]{0,5} (sentences|words)")
            ? null : "'N sentences' or 'N words' with N > 0";

    static ValueType oneOf(String... allowed) {
        List<String> values = List.of(allowed);
        return raw -> values.contains(raw.trim()) ? null : "one of " + String.join("|", values);
    }
}
