package dev.tarjama.jobs.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QualityFlagsTest {
    private final QualityFlags flags = new QualityFlags(new QualitySettings(0.5, 3.0, 20, 4));
    private static final String SOURCE = "أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المناطق الريفية";

    @Test
    void aFaithfulTranslationHasNoFlags() {
        assertEquals(List.of(), flags.of(SOURCE, "The government announced today a new plan to support farmers in rural areas"));
    }

    @Test
    void aWordOrPhraseRepeatedBackToBackIsALoop() {
        assertTrue(flags.of(SOURCE, "The government the the the the plan").contains(QualityFlags.REPETITION_LOOP));
        assertTrue(flags.of(SOURCE, "said that it is it is it is it is over").contains(QualityFlags.REPETITION_LOOP));
        assertFalse(flags.of(SOURCE, "the plan, the farmers, the areas and the government agreed")
                .contains(QualityFlags.REPETITION_LOOP), "repeated words that are not back to back");
    }

    @Test
    void lengthRatioOutsideTheBandIsFlaggedOnlyForLongEnoughSources() {
        assertEquals(List.of(QualityFlags.LENGTH_RATIO_LOW), flags.of(SOURCE, "Plan."));
        assertEquals(List.of(QualityFlags.LENGTH_RATIO_HIGH), flags.of(SOURCE, "x".repeat(300)));
        assertNull(flags.lengthRatio("خبر", "News"), "too short to judge");
        assertEquals(List.of(), flags.of("خبر", "N"));
    }

    @Test
    void arabicLettersInTheEnglishAreFlagged() {
        assertTrue(flags.of(SOURCE, "The government announced a new plan for المزارعين in rural areas")
                .contains(QualityFlags.ARABIC_IN_OUTPUT));
    }

    @Test
    void numbersAreComparedAcrossDigitFamiliesAndSeparators() {
        assertEquals(Set.of(), QualityFlags.missingNumbers("قتل ٢٥ شخصاً في عام ٢٠١٩", "25 people were killed in 2019"));
        assertEquals(Set.of(), QualityFlags.missingNumbers("بلغ العدد ١٬٥٠٠ بنسبة ٣٫٥٪", "the number reached 1,500, 3.5%"));
        assertEquals(Set.of("2019"), QualityFlags.missingNumbers("في عام 2019", "in the year"));
        assertEquals(Set.of(), QualityFlags.missingNumbers("قتل ٣ أشخاص", "three people were killed"),
                "single digits may be spelled out");
        assertTrue(flags.of(SOURCE + " عام ٢٠٢٤", "The government announced a new plan to support farmers in rural areas")
                .contains(QualityFlags.NUMBERS_MISSING));
    }
}
