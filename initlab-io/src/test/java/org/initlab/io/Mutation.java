package org.initlab.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * One change to a file, for mutation fuzzing; positions are taken modulo the file's length, so
 * one mutation applies to files of any size.
 */
sealed interface Mutation {
    byte[] apply(byte[] in);

    /** Flips one bit. */
    record FlipBit(int pos, int bit) implements Mutation {
        @Override
        public byte[] apply(byte[] in) {
            if (in.length == 0) {
                return in;
            }
            byte[] out = in.clone();
            out[pos % in.length] ^= (byte) (1 << bit);
            return out;
        }
    }

    /** Cuts the file short. */
    record Truncate(int length) implements Mutation {
        @Override
        public byte[] apply(byte[] in) {
            return Arrays.copyOf(in, in.length == 0 ? 0 : length % in.length);
        }
    }

    /** Inserts bytes. */
    record Insert(int pos, byte[] bytes) implements Mutation {
        @Override
        public byte[] apply(byte[] in) {
            int at = in.length == 0 ? 0 : pos % (in.length + 1);
            byte[] out = new byte[in.length + bytes.length];
            System.arraycopy(in, 0, out, 0, at);
            System.arraycopy(bytes, 0, out, at, bytes.length);
            System.arraycopy(in, at, out, at + bytes.length, in.length - at);
            return out;
        }

        @Override
        public String toString() {
            return "Insert[pos=" + pos + ", bytes=" + Arrays.toString(bytes) + "]";
        }
    }

    /** Overwrites bytes (wrapping around the end). */
    record Overwrite(int pos, byte[] bytes) implements Mutation {
        @Override
        public byte[] apply(byte[] in) {
            byte[] out = in.clone();
            for (int i = 0; i < bytes.length && in.length > 0; i++) {
                out[(pos + i) % in.length] = bytes[i];
            }
            return out;
        }

        @Override
        public String toString() {
            return "Overwrite[pos=" + pos + ", bytes=" + Arrays.toString(bytes) + "]";
        }
    }

    /** Writes an integer of {@code width} bytes at {@code pos}, in either byte order: a lying length field. */
    record SetLength(int pos, int width, long value, boolean bigEndian) implements Mutation {
        @Override
        public byte[] apply(byte[] in) {
            byte[] out = in.clone();
            for (int i = 0; i < width && pos + i < out.length; i++) {
                out[pos + i] = (byte) (value >>> (8 * (bigEndian ? width - 1 - i : i)));
            }
            return out;
        }
    }

    /** The characters the header grammars use, so that overwrites often make almost-valid headers. */
    String TOKENS = "{}[](),:'\" \n0123456789-+.eE\\TrueFalsenull<>fi248|bL";

    /** Applies {@code ms} in order. */
    static byte[] apply(byte[] seed, List<Mutation> ms) {
        byte[] b = seed;
        for (Mutation m : ms) {
            b = m.apply(b);
        }
        return b;
    }

    /**
     * One to four mutations of any kind; positions favour the first 140 bytes (the headers).
     *
     * @param lengthFields (offset, width) pairs of the file's length fields, for {@link SetLength}
     */
    static Arbitrary<List<Mutation>> lists(int[][] lengthFields) {
        Arbitrary<Integer> position = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 140), Arbitraries.integers().between(0, 1 << 20));
        Arbitrary<byte[]> bytes = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(12),
                Arbitraries.strings()
                        .withChars(TOKENS)
                        .ofMinLength(1)
                        .ofMaxLength(8)
                        .map(s -> s.getBytes(StandardCharsets.ISO_8859_1)));
        Arbitrary<Long> lengths = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 512),
                Arbitraries.longs(),
                Arbitraries.of(
                        0L,
                        1L,
                        7L,
                        8L,
                        0xffffL,
                        0x7fffffffL,
                        0xffffffffL,
                        100_000_000L,
                        100_000_001L,
                        Long.MAX_VALUE,
                        -1L));
        Arbitrary<Mutation> flip = Combinators.combine(
                        position, Arbitraries.integers().between(0, 7))
                .as(FlipBit::new);
        Arbitrary<Mutation> cut = position.map(Truncate::new);
        Arbitrary<Mutation> insert = Combinators.combine(position, bytes).as(Insert::new);
        Arbitrary<Mutation> overwrite = Combinators.combine(position, bytes).as(Overwrite::new);
        Arbitrary<Mutation> length = Combinators.combine(
                        Arbitraries.of(lengthFields), lengths, Arbitraries.of(false, true))
                .as((f, v, big) -> new SetLength(f[0], f[1], v, big));
        Arbitrary<Mutation> one = Arbitraries.frequencyOf(
                Tuple.of(3, flip), Tuple.of(1, cut), Tuple.of(2, insert), Tuple.of(3, overwrite), Tuple.of(2, length));
        return one.list().ofMinSize(1).ofMaxSize(4);
    }
}
