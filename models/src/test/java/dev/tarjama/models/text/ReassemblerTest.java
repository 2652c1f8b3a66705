package dev.tarjama.models.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReassemblerTest {

    @Test
    void joinsPiecesAndSentencesWithSpacesAndParagraphsWithABlankLine() {
        List<Chunk> chunks = List.of(
                new Chunk(0, 0, 0, 1, "ع", 1),
                new Chunk(1, 0, 0, 2, "ج1،", 1),
                new Chunk(1, 0, 1, 2, "ج2", 1),
                new Chunk(1, 1, 0, 1, "ج3", 1));
        Map<ChunkRef, String> translated = Map.of(
                new ChunkRef(4, 0, 0, 0), "Title",
                new ChunkRef(4, 1, 0, 0), "First half,",
                new ChunkRef(4, 1, 0, 1), " second half. ",
                new ChunkRef(4, 1, 1, 0), "Next.");
        Reassembled r = Reassembler.reassemble(4, chunks, translated);
        assertEquals("Title\n\nFirst half, second half. Next.", r.text());
        assertTrue(r.complete());
        TranslatedSentence split = r.sentences().get(1);
        assertEquals("ج1، ج2", split.source());
        assertEquals("First half, second half.", split.text());
        assertTrue(split.split());
        assertFalse(r.sentences().get(2).split());
    }

    @Test
    void aMissingPieceIsCountedNotHidden() {
        List<Chunk> chunks = List.of(new Chunk(0, 0, 0, 2, "أ", 1), new Chunk(0, 0, 1, 2, "ب", 1), new Chunk(0, 1, 0, 1, "ج", 1));
        Reassembled r = Reassembler.reassemble(chunks, c -> c.piece() == 1 ? null : c.text() + "!");
        assertEquals(1, r.missingPieces());
        assertFalse(r.complete());
        assertFalse(r.sentences().get(0).complete());
        assertTrue(r.sentences().get(1).complete());
        assertEquals("أ! ج!", r.text());
        Reassembled lost = Reassembler.reassemble(List.of(new Chunk(0, 0, 1, 2, "ب", 1)), Chunk::text);
        assertEquals(1, lost.missingPieces(), "a piece absent from the chunk list is missing too");
    }

    @Test
    void shuffledBatchResultsComeBackInOriginalOrder() {
        ArabicCleaner cleaner = new ArabicCleaner();
        SentenceSplitter splitter = new SentenceSplitter();
        SegmentPacker packer = new SegmentPacker(SegmentPackerTest.WORDS, 6);
        List<String> docs = List.of(
                "الشريط الاخباريسلايدسورية\n\nعنوان أول\n\nجملة أولى طويلة جدا، فيها فواصل كثيرة، وكلمات عديدة جدا جدا. جملة ثانية.\nسطر ثالث!",
                "",
                "نص قصير.\n\nفقرة ثانية؟ نعم.");
        List<List<Chunk>> chunks = new ArrayList<>();
        for (String d : docs) {
            chunks.add(packer.packParagraphs(splitter.split(cleaner.clean(d))));
        }
        List<BatchItem> results = new ArrayList<>();
        new BatchPlanner(12, 3).plan(chunks).forEach(b -> results.addAll(b.items()));
        Collections.shuffle(results, new Random(7));
        Map<ChunkRef, String> translated = new HashMap<>();
        results.forEach(item -> translated.put(item.ref(), item.text()));
        for (int d = 0; d < docs.size(); d++) {
            Reassembled r = Reassembler.reassemble(d, chunks.get(d), translated);
            String expected = cleaner.clean(docs.get(d)).replace("\n\n", "\u0000").replace('\n', ' ').replace("\u0000", "\n\n");
            assertEquals(expected, r.text(), "document " + d);
            assertTrue(r.complete());
        }
    }
}
