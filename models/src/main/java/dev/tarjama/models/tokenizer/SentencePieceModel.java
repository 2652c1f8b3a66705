package dev.tarjama.models.tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a SentencePiece {@code .spm} file (a serialized {@code ModelProto}) that a
 * Hugging Face tokenizer needs: pieces with scores and types, the model type, and the normalizer.
 *
 * @param pieces {@code ModelProto.pieces} (field 1), in SentencePiece id order
 * @param modelType {@code TrainerSpec.model_type} (1 unigram, 2 BPE, 3 word, 4 char)
 * @param normalizer {@code ModelProto.normalizer_spec} (field 3)
 */
public record SentencePieceModel(List<Piece> pieces, int modelType, Normalizer normalizer) {
    public static final int UNIGRAM = 1;

    /** {@code SentencePiece.Type}. */
    public enum Type {
        NORMAL,
        UNKNOWN,
        CONTROL,
        USER_DEFINED,
        UNUSED,
        BYTE;

        static Type of(long value) {
            return switch ((int) value) {
                case 2 -> UNKNOWN;
                case 3 -> CONTROL;
                case 4 -> USER_DEFINED;
                case 5 -> UNUSED;
                case 6 -> BYTE;
                default -> NORMAL;
            };
        }
    }

    /**
     * {@code SentencePiece{piece = 1, score = 2, type = 3}}.
     *
     * @param piece the text, with U+2581 for a space
     * @param score log-probability of the piece in the unigram model
     * @param type how SentencePiece treats it
     */
    public record Piece(String piece, float score, Type type) {}

    /**
     * {@code NormalizerSpec}: name (1), precompiled_charsmap (2), add_dummy_prefix (3, default
     * true), remove_extra_whitespaces (4, default true), escape_whitespaces (5, default true).
     */
    public record Normalizer(String name, byte[] precompiledCharsmap, boolean addDummyPrefix,
            boolean removeExtraWhitespaces, boolean escapeWhitespaces) {}

    public SentencePieceModel {
        pieces = List.copyOf(pieces);
    }

    public static SentencePieceModel read(Path file) throws IOException {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new TokenizerFileException(file + " is not a SentencePiece model: " + e.getMessage(), e);
        }
    }

    static SentencePieceModel parse(byte[] bytes) throws IOException {
        List<Piece> pieces = new ArrayList<>();
        int modelType = UNIGRAM;
        Normalizer normalizer = new Normalizer("", new byte[0], true, true, true);
        ProtoReader model = new ProtoReader(bytes);
        while (model.next()) {
            switch (model.field()) {
                case 1 -> pieces.add(piece(model.readMessage()));
                case 2 -> modelType = trainerModelType(model.readMessage());
                case 3 -> normalizer = normalizer(model.readMessage());
                default -> model.skip();
            }
        }
        if (pieces.isEmpty()) {
            throw new IOException("no pieces");
        }
        return new SentencePieceModel(pieces, modelType, normalizer);
    }

    private static Piece piece(ProtoReader m) throws IOException {
        String text = null;
        float score = 0f;
        Type type = Type.NORMAL;
        while (m.next()) {
            switch (m.field()) {
                case 1 -> text = m.readString();
                case 2 -> score = m.readFloat();
                case 3 -> type = Type.of(m.readVarint());
                default -> m.skip();
            }
        }
        if (text == null) {
            throw new IOException("a piece without text");
        }
        return new Piece(text, score, type);
    }

    private static int trainerModelType(ProtoReader m) throws IOException {
        int type = UNIGRAM;
        while (m.next()) {
            if (m.field() == 3) {
                type = (int) m.readVarint();
            } else {
                m.skip();
            }
        }
        return type;
    }

    private static Normalizer normalizer(ProtoReader m) throws IOException {
        String name = "";
        byte[] charsmap = new byte[0];
        boolean dummyPrefix = true;
        boolean removeExtra = true;
        boolean escape = true;
        while (m.next()) {
            switch (m.field()) {
                case 1 -> name = m.readString();
                case 2 -> charsmap = m.readBytes();
                case 3 -> dummyPrefix = m.readBool();
                case 4 -> removeExtra = m.readBool();
                case 5 -> escape = m.readBool();
                default -> m.skip();
            }
        }
        return new Normalizer(name, charsmap, dummyPrefix, removeExtra, escape);
    }
}
