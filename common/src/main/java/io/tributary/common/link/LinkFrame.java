package io.tributary.common.link;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * One frame of the {@link TcpLink} wire protocol, as read from a peer: a type byte, a sequence
 * number, and for data frames a length-prefixed payload. Reading never trusts the length: it is
 * checked against the link's frame limit, and the payload array grows only as bytes actually
 * arrive, so a header claiming a large frame costs nothing until the peer sends it.
 *
 * @param type {@link #DATA} or {@link #ACK}
 * @param seq the data frame's sequence number, or the last sequence number an ACK acknowledges
 * @param payload the data frame's bytes (empty for an ACK)
 */
record LinkFrame(byte type, long seq, byte[] payload) {
  static final byte DATA = 1;
  static final byte ACK = 2;
  /** The payload array starts at most this large and doubles as bytes arrive. */
  static final int FIRST_CHUNK = 1 << 16;
  private static final byte[] EMPTY = new byte[0];

  /**
   * Reads one frame.
   *
   * @param maxFrameBytes largest payload accepted
   * @param from names the peer in errors
   * @throws IOException naming {@code from} when the stream ends, or the frame is of an unknown
   *     type, has a negative sequence number or a length outside {@code [0, maxFrameBytes]}
   */
  static LinkFrame read(DataInputStream in, int maxFrameBytes, String from) throws IOException {
    byte type = in.readByte();
    if (type != DATA && type != ACK) {
      throw new IOException("unknown frame type " + type + " from " + from);
    }
    long seq = in.readLong();
    if (seq < 0) {
      throw new IOException("negative sequence number " + seq + " from " + from);
    }
    if (type == ACK) {
      return new LinkFrame(type, seq, EMPTY);
    }
    int len = in.readInt();
    if (len < 0 || len > maxFrameBytes) {
      throw new IOException("frame of " + len + " bytes from " + from + " exceeds the limit of " + maxFrameBytes);
    }
    return new LinkFrame(type, seq, readPayload(in, len, from));
  }

  private static byte[] readPayload(DataInputStream in, int len, String from) throws IOException {
    byte[] buf = new byte[Math.min(len, FIRST_CHUNK)];
    int have = 0;
    while (have < len) {
      if (have == buf.length) {
        buf = Arrays.copyOf(buf, (int) Math.min(len, 2L * buf.length));
      }
      int n = in.read(buf, have, buf.length - have);
      if (n < 0) {
        throw new EOFException("frame from " + from + " ends after " + have + " of " + len + " bytes");
      }
      have += n;
    }
    return buf;
  }
}
