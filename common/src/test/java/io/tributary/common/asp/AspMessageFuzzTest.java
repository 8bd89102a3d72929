package io.tributary.common.asp;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tributary.common.io.FrameDamage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of {@link AspMessage#decodeFrame}, the first thing a mirror server does with
 * bytes from another data centre: random bytes, truncated and bit-flipped valid frames either
 * decode to well-formed messages or fail with an {@link IllegalArgumentException}; nothing
 * else escapes.
 */
class AspMessageFuzzTest {

  @Test
  // A hang guard only: the cases take about a second.
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void randomAndDamagedFramesDecodeOrFailCleanly() {
    Random r = new Random(12L);
    int cases = 0;
    int rejected = 0;
    for (int i = 0; i < 3000; i++) {
      byte[] junk = new byte[r.nextInt(64)];
      r.nextBytes(junk);
      if (junk.length > 0 && r.nextInt(4) > 0) {
        junk[0] = AspMessage.FRAME_MAGIC;
        if (junk.length > 2) {
          junk[1] = (byte) r.nextInt(4); // a plausible count
          junk[2] = (byte) (1 + r.nextInt(4)); // a real message type
        }
      }
      rejected += check(junk);
      cases++;
    }
    for (int i = 0; i < 500; i++) {
      List<byte[]> messages = new ArrayList<>();
      for (int m = 1 + r.nextInt(3); m > 0; m--) {
        messages.add(AspMessage.encode(randomMessage(r)));
      }
      byte[] valid = AspMessage.frame(messages);
      for (byte[] frame : FrameDamage.damaged(valid, r, 6)) {
        rejected += check(frame);
        cases++;
      }
    }
    assertTrue(cases > 10_000, cases + " cases");
    assertTrue(rejected > cases / 4, "most damaged frames are rejected, only " + rejected + " of " + cases);
  }

  @Test
  void shortFramesCannotDemandLargeArraysOrOverflowIndices() {
    // One update whose vector claims 2^28 - 1 dense floats in a dozen bytes.
    byte[] bigVector = {'A', 1, AspMessage.UPDATE, 0, 0, 0, 0, 0, 'D', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AspMessage.decodeFrame(bigVector));
    assertTrue(e.getMessage().contains("claims"), e.getMessage());
    // A shard starting near Integer.MAX_VALUE whose indices would wrap negative.
    byte[] wraps = {'A', 1, AspMessage.UPDATE, 0, 0, 0, 0, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07,
        'D', 3, 0, 0, (byte) 0x80, 0x3F, 0, 0, (byte) 0x80, 0x3F, 0, 0, (byte) 0x80, 0x3F};
    e = assertThrows(IllegalArgumentException.class, () -> AspMessage.decodeFrame(wraps));
    assertTrue(e.getMessage().contains("limit"), e.getMessage());
    // A frame claiming more messages than it has bytes.
    byte[] manyMessages = {'A', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, AspMessage.FINISHED};
    e = assertThrows(IllegalArgumentException.class, () -> AspMessage.decodeFrame(manyMessages));
    assertTrue(e.getMessage().contains("messages"), e.getMessage());
    // A clock whose stats count does not fit an int.
    byte[] hugeStats = {'A', 1, AspMessage.CLOCK, 0, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        0x01};
    e = assertThrows(IllegalArgumentException.class, () -> AspMessage.decodeFrame(hugeStats));
    assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
  }

  /** Decodes {@code frame}; 1 when rejected, 0 when decoded (after checking every message). */
  private static int check(byte[] frame) {
    List<AspMessage> out;
    try {
      out = AspMessage.decodeFrame(frame);
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "the error says what is wrong");
      return 1;
    } catch (RuntimeException | Error e) {
      fail("decoding " + Arrays.toString(frame) + " threw " + e, e);
      return 0;
    }
    assertTrue(out.size() <= frame.length, out.size() + " messages from " + frame.length + " bytes");
    for (AspMessage m : out) {
      if (m instanceof AspMessage.Update u) {
        assertTrue(4L * u.values().length <= frame.length, "values bounded by the frame");
        assertTrue(u.shard() >= 0 && u.shardFrom() >= 0 && u.shardLength() >= 0, u.toString());
        for (int i : u.indices()) {
          assertTrue(i >= u.shardFrom() && i - (long) u.shardFrom() < u.shardLength(), "index " + i + " in shard");
        }
      } else if (m instanceof AspMessage.Barrier b) {
        assertTrue(b.indices().length <= frame.length, "indices bounded by the frame");
        long prev = b.shardFrom() - 1L;
        for (int i : b.indices()) {
          assertTrue(i > prev, "barrier indices increase from the shard start");
          prev = i;
        }
      } else if (m instanceof AspMessage.Clock c) {
        assertTrue(8L * c.stats().length <= frame.length, "stats bounded by the frame");
      }
    }
    return 0;
  }

  private static AspMessage randomMessage(Random r) {
    int from = r.nextInt(10_000);
    int length = 1 + r.nextInt(200);
    String origin = r.nextBoolean() ? "" : "dc-" + r.nextInt(10);
    switch (r.nextInt(4)) {
      case 0 -> {
        int[] idx = r.ints(from, from + length).distinct().limit(r.nextInt(length + 1)).sorted().toArray();
        float[] val = new float[idx.length];
        for (int i = 0; i < val.length; i++) {
          val[i] = (float) r.nextGaussian();
        }
        return new AspMessage.Update(r.nextInt(50), r.nextInt(1000), r.nextInt(1000), from, length, idx, val, origin);
      }
      case 1 -> {
        int count = r.nextInt(Math.min(20, length + 1)); // no more than the shard has, or distinct() never ends
        int[] idx = r.ints(from, from + length).distinct().limit(count).sorted().toArray();
        return new AspMessage.Barrier(r.nextInt(50), r.nextInt(1000), from, idx);
      }
      case 2 -> {
        double[] stats = r.doubles(r.nextInt(4)).toArray();
        return new AspMessage.Clock(r.nextInt(1000), stats, origin);
      }
      default -> {
        return new AspMessage.Finished(r.nextInt(1000), origin);
      }
    }
  }
}
