package io.tributary.common.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Damaged copies of a valid frame for the decoders' fuzz tests: cut short, or with a few bits flipped. */
public final class FrameDamage {
  private FrameDamage() {}

  /** The {@link #truncations} of {@code valid} followed by its {@link #bitFlips}. */
  public static List<byte[]> damaged(byte[] valid, Random r, int flippedCopies) {
    List<byte[]> out = truncations(valid);
    out.addAll(bitFlips(valid, r, flippedCopies));
    return out;
  }

  /** About 16 prefixes of {@code valid}, from empty to one byte short. */
  public static List<byte[]> truncations(byte[] valid) {
    List<byte[]> out = new ArrayList<>();
    for (int cut = 0; cut < valid.length; cut += 1 + valid.length / 16) {
      out.add(Arrays.copyOf(valid, cut));
    }
    return out;
  }

  /** {@code copies} copies of {@code valid}, each with one to three random bits flipped. */
  public static List<byte[]> bitFlips(byte[] valid, Random r, int copies) {
    List<byte[]> out = new ArrayList<>(copies);
    for (int k = 0; k < copies && valid.length > 0; k++) {
      byte[] flipped = valid.clone();
      for (int f = 1 + r.nextInt(3); f > 0; f--) {
        int bit = r.nextInt(flipped.length * 8);
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      }
      out.add(flipped);
    }
    return out;
  }
}
