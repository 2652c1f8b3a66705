package dev.tarjama.models.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The protobuf wire format, as far as {@link HelperGraphs} needs it to write an ONNX {@code
 * ModelProto}: varints, strings and nested messages.
 *
 * <p>Hand-written on purpose: the generated ONNX protobuf classes are not published as a Maven
 * artifact we could depend on (only inside much larger native bundles), and protobuf-java plus
 * generated code would be several megabytes for the two graphs of a few nodes written here.
 */
final class ProtoWriter {

    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter varint(int field, long value) {
        tag(field, VARINT);
        raw(value);
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private ProtoWriter bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        raw(value.length);
        out.write(value, 0, value.length);
        return this;
    }

    private void tag(int field, int wireType) {
        raw(((long) field << 3) | wireType);
    }

    private void raw(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
