package io.tributary.common.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tributary.common.io.FrameDamage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of the TCP link's frame reader ({@link LinkFrame#read}), fed what a peer could
 * put on the socket: random bytes, truncated and bit-flipped streams of valid frames give
 * frames or an {@link IOException} naming the peer; nothing else escapes, and a header
 * claiming a large frame allocates only what actually arrives.
 */
class LinkFrameFuzzTest {
  private static final int LIMIT = 1 << 20;

  @Test
  // A hang guard only: the cases take about a second.
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void randomAndDamagedStreamsGiveFramesOrIoErrors() throws IOException {
    Random r = new Random(7L);
    int cases = 0;
    for (int i = 0; i < 3000; i++) {
      byte[] junk = new byte[r.nextInt(64)];
      r.nextBytes(junk);
      if (junk.length > 0 && r.nextBoolean()) {
        junk[0] = r.nextBoolean() ? LinkFrame.DATA : LinkFrame.ACK;
      }
      readAll(junk);
      cases++;
    }
    for (int i = 0; i < 500; i++) {
      byte[] valid = validStream(r);
      for (byte[] frame : FrameDamage.damaged(valid, r, 6)) {
        readAll(frame);
        cases++;
      }
    }
    assertTrue(cases > 10_000, cases + " cases");
  }

  @Test
  void validFramesRoundTrip() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(LinkFrame.DATA);
    out.writeLong(5);
    out.writeInt(3);
    out.write(new byte[] {7, 8, 9});
    out.writeByte(LinkFrame.ACK);
    out.writeLong(4);
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    LinkFrame data = LinkFrame.read(in, LIMIT, "peer");
    assertEquals(LinkFrame.DATA, data.type());
    assertEquals(5, data.seq());
    assertArrayEquals(new byte[] {7, 8, 9}, data.payload());
    LinkFrame ack = LinkFrame.read(in, LIMIT, "peer");
    assertEquals(LinkFrame.ACK, ack.type());
    assertEquals(4, ack.seq());
  }

  @Test
  void lengthsOutsideTheLimitAreRefusedNamingThePeer() {
    IOException negative = assertThrows(IOException.class, () -> LinkFrame.read(header(-1), LIMIT, "dc-x"));
    assertTrue(negative.getMessage().contains("dc-x") && negative.getMessage().contains("-1"), negative.getMessage());
    IOException big = assertThrows(IOException.class, () -> LinkFrame.read(header(LIMIT + 1), LIMIT, "dc-x"));
    assertTrue(big.getMessage().contains("exceeds the limit"), big.getMessage());
  }

  @Test
  void aHeaderClaimingALargeFrameAllocatesOnlyWhatArrives() throws IOException {
    // The header claims the whole limit; the peer then sends ten bytes and stops.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(LinkFrame.DATA);
    out.writeLong(1);
    out.writeInt(LIMIT);
    out.write(new byte[10]);
    CountingStream counting = new CountingStream(new ByteArrayInputStream(bytes.toByteArray()));
    IOException e = assertThrows(IOException.class,
        () -> LinkFrame.read(new DataInputStream(counting), LIMIT, "dc-x"));
    assertTrue(e.getMessage().contains("after 10 of " + LIMIT), e.getMessage());
    assertTrue(counting.largestRead <= LinkFrame.FIRST_CHUNK,
        "the reader asked for " + counting.largestRead + " bytes at once, more than its first chunk");
  }

  /** Reads frames until the stream ends; only frames or an IOException are acceptable. */
  private static void readAll(byte[] stream) {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(stream));
    try {
      for (int n = 0; n <= stream.length; n++) {
        LinkFrame f = LinkFrame.read(in, LIMIT, "fuzz-peer");
        assertTrue(f.type() == LinkFrame.DATA || f.type() == LinkFrame.ACK, "type " + f.type());
        assertTrue(f.seq() >= 0, "seq " + f.seq());
        assertTrue(f.payload().length <= stream.length, "payload bounded by the stream");
      }
      fail("more frames than bytes in " + Arrays.toString(stream));
    } catch (IOException e) {
      assertTrue(e.getMessage() == null || !e.getMessage().isBlank(), "a blank message");
    } catch (RuntimeException | Error e) {
      fail("reading " + Arrays.toString(stream) + " threw " + e, e);
    }
  }

  private static byte[] validStream(Random r) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (int k = 1 + r.nextInt(4); k > 0; k--) {
      if (r.nextBoolean()) {
        byte[] payload = new byte[r.nextInt(40)];
        r.nextBytes(payload);
        out.writeByte(LinkFrame.DATA);
        out.writeLong(r.nextInt(1_000_000));
        out.writeInt(payload.length);
        out.write(payload);
      } else {
        out.writeByte(LinkFrame.ACK);
        out.writeLong(r.nextInt(1_000_000));
      }
    }
    return bytes.toByteArray();
  }

  private static DataInputStream header(int length) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(LinkFrame.DATA);
    out.writeLong(1);
    out.writeInt(length);
    return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
  }

  /** Remembers the largest read the frame reader asked for (its buffer size at that point). */
  private static final class CountingStream extends FilterInputStream {
    int largestRead;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      largestRead = Math.max(largestRead, len);
      return super.read(b, off, len);
    }
  }
}
