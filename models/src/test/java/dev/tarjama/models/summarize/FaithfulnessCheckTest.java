package dev.tarjama.models.summarize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-written cases for {@link FaithfulnessCheck}. */
class FaithfulnessCheckTest {

    private static final String SOURCE = "Syrian President Bashar al-Assad met the Russian envoy in Damascus on Monday. "
            + "The talks covered the return of 1,500 refugees and a budget of 3.5 million dollars. "
            + "Officials said ٢٠٠ families had already crossed.";

    @Test
    void aSummaryMadeOfSourceFactsHasNoFlags() {
        String summary = "Assad met the Russian envoy in Damascus. The talks covered 1,500 refugees and 3.5 million dollars.";
        assertEquals(List.of(), FaithfulnessCheck.flags(summary, SOURCE));
    }

    @Test
    void aNumberAbsentFromTheSourceIsFlaggedByValue() {
        assertEquals(List.of("summary_number_not_in_source:1600"),
                FaithfulnessCheck.flags("The talks covered 1,600 refugees.", SOURCE));
        assertEquals(List.of("summary_number_not_in_source:4.5"),
                FaithfulnessCheck.flags("A budget of 4.5 million dollars.", SOURCE));
    }

    @Test
    void thousandsSeparatorsAndTrailingZerosDoNotMatter() {
        assertEquals(List.of(), FaithfulnessCheck.flags("About 1500 refugees, 3.50 million dollars.", SOURCE));
        assertEquals(List.of(), FaithfulnessCheck.flags("About 1,500 refugees.", "About 1500 refugees."));
        assertEquals(List.of("summary_number_not_in_source:1500"),
                FaithfulnessCheck.flags("About 1,500 refugees.", "About 15 refugees and 00 others."));
    }

    @Test
    void arabicIndicDigitsMatchWesternDigitsBothWays() {
        assertEquals(List.of(), FaithfulnessCheck.flags("Some 200 families crossed.", SOURCE), "٢٠٠ in the source");
        assertEquals(List.of(), FaithfulnessCheck.flags("Some ١٬٥٠٠ refugees and ٣٫٥ million.", SOURCE));
        assertEquals(List.of("summary_number_not_in_source:300"), FaithfulnessCheck.flags("Some ٣٠٠ families.", SOURCE));
    }

    @Test
    void aNameAbsentFromTheSourceIsFlagged() {
        assertEquals(List.of("summary_name_not_in_source:Aleppo"),
                FaithfulnessCheck.flags("Assad met the envoy in Aleppo.", SOURCE));
    }

    @Test
    void aMultiwordNameIsFlaggedWholeWhenAnyOfItsWordsIsMissing() {
        assertEquals(List.of("summary_name_not_in_source:Vladimir Putin"),
                FaithfulnessCheck.flags("Vladimir Putin met Assad.", SOURCE), "a two-word name counts even at a sentence start");
        assertEquals(List.of("summary_name_not_in_source:Bashar al-Jaafari"),
                FaithfulnessCheck.flags("The envoy met Bashar al-Jaafari.", SOURCE));
        assertEquals(List.of("summary_name_not_in_source:al-Hariri"),
                FaithfulnessCheck.flags("The envoy met al-Hariri.", SOURCE), "a lowercase particle before a capital is a name");
    }

    @Test
    void partsOfHyphenatedAndPossessiveNamesAreFound() {
        assertEquals(List.of(), FaithfulnessCheck.flags("The envoy praised Assad's government and Damascus’s officials.", SOURCE));
    }

    @Test
    void aCapitalOnlyBecauseItOpensASentenceOrQuoteIsNotAName() {
        assertEquals(List.of(), FaithfulnessCheck.flags("Refugees returned. Meanwhile officials met.", SOURCE));
        assertEquals(List.of(), FaithfulnessCheck.flags("Officials said: \"Talks went well.\"", SOURCE));
        assertEquals(List.of("summary_name_not_in_source:Kremlin"),
                FaithfulnessCheck.flags("The Kremlin welcomed the talks.", SOURCE), "after a leading 'The' the capital is a name");
    }

    @Test
    void flagsComeOnceInOrderOfFirstOccurrenceNumbersFirst() {
        assertEquals(List.of("summary_number_not_in_source:7", "summary_name_not_in_source:Homs"),
                FaithfulnessCheck.flags("Officials in Homs said 7 died. In Homs, 7 more.", SOURCE));
    }

    @Test
    void nullTextsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> FaithfulnessCheck.flags(null, SOURCE));
        assertThrows(IllegalArgumentException.class, () -> FaithfulnessCheck.flags("x", null));
    }
}
