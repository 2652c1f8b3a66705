package dev.tarjama.models.tokenizer;

import java.io.IOException;

/** A tokenizer source file ({@code vocab.json}, a SentencePiece model) that cannot be turned into a tokenizer. */
public class TokenizerFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public TokenizerFileException(String message) {
        super(message);
    }

    public TokenizerFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
