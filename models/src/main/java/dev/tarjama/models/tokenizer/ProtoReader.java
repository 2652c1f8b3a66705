package dev.tarjama.models.tokenizer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of the protobuf wire format to read a SentencePiece model: varints, fixed32/64 and
 * length-delimited fields. Unknown fields are skipped, so newer .spm files still read.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] data;
    private int pos;
    private final int end;
    private int tag;

    ProtoReader(byte[] data) {
        this(data, 0, data.length);
    }

    private ProtoReader(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    /** Advances to the next field; false at the end of the message. */
    boolean next() throws IOException {
        if (pos >= end) {
            return false;
        }
        long key = varint();
        tag = (int) key;
        if (field() == 0) {
            throw new IOException("protobuf: field number 0 at byte " + pos);
        }
        return true;
    }

    int field() {
        return tag >>> 3;
    }

    int wireType() {
        return tag & 7;
    }

    long readVarint() throws IOException {
        expect(VARINT);
        return varint();
    }

    boolean readBool() throws IOException {
        return readVarint() != 0;
    }

    float readFloat() throws IOException {
        expect(FIXED32);
        need(4);
        float f = ByteBuffer.wrap(data, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        pos += 4;
        return f;
    }

    byte[] readBytes() throws IOException {
        int length = length();
        byte[] out = new byte[length];
        System.arraycopy(data, pos, out, 0, length);
        pos += length;
        return out;
    }

    String readString() throws IOException {
        int length = length();
        String s = new String(data, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    /** The embedded message of a length-delimited field. */
    ProtoReader readMessage() throws IOException {
        int length = length();
        ProtoReader sub = new ProtoReader(data, pos, pos + length);
        pos += length;
        return sub;
    }

    void skip() throws IOException {
        switch (wireType()) {
            case VARINT -> varint();
            case FIXED64 -> {
                need(8);
                pos += 8;
            }
            case LENGTH_DELIMITED -> pos += length();
            case FIXED32 -> {
                need(4);
                pos += 4;
            }
            default -> throw new IOException("protobuf: unsupported wire type " + wireType() + " for field "
                    + field() + " at byte " + pos);
        }
    }

    private int length() throws IOException {
        expect(LENGTH_DELIMITED);
        long length = varint();
        if (length < 0 || length > end - pos) {
            throw new IOException("protobuf: field " + field() + " length " + length + " runs past the message end");
        }
        return (int) length;
    }

    private long varint() throws IOException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            byte b = data[pos++];
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IOException("protobuf: varint longer than 10 bytes at byte " + pos);
    }

    private void expect(int wireType) throws IOException {
        if (wireType() != wireType) {
            throw new IOException("protobuf: field " + field() + " has wire type " + wireType() + ", expected "
                    + wireType);
        }
    }

    private void need(int n) throws IOException {
        if (end - pos < n) {
            throw new IOException("protobuf: truncated at byte " + pos);
        }
    }
}
