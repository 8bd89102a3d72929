package io.tributary.common.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.asp.SignificanceFunction;
import io.tributary.common.link.Link;
import io.tributary.common.link.LinkShape;
import io.tributary.common.link.VectorCodec;
import io.tributary.common.metrics.TrafficMeter;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Gaia's significance test is the data-centre runtime's {@link SignificanceFunction}: what one
 * partition sends, read straight off its link, for a hand-computed step.
 */
class GaiaSignificanceTest {
  static final int P = 12;
  static final SgdConfig PLAIN = new SgdConfig(0, 0);

  /**
   * One step of partition 0 of K = 2 from w = 1 with gradient {@code g}, learning rate 1 and MEAN
   * weighting (contribution {@code -g / 2}); returns the indices it sent.
   */
  static int[] sentIndices(GaiaProtocolFactory make, float[] g) throws Exception {
    Link[][] mesh = Mesh.inProcess("g", 2, LinkShape.UNSHAPED, new TrafficMeter());
    float[] init = new float[P];
    Arrays.fill(init, 1f);
    GaiaProtocol p = make.create(init, ProtocolContext.of(0, mesh[0]));
    Step step = new Step(0, 0, 1.0);
    p.send(g, step);
    byte[] frame = mesh[1][0].receive(10, TimeUnit.SECONDS);
    ByteBuffer b = ByteBuffer.wrap(frame);
    assertEquals(AbstractMeshProtocol.UPDATE, b.get());
    assertEquals(0, VectorCodec.getVarint(b));
    VectorCodec.Decoded d = VectorCodec.decode(b);
    // Partition 1 sends nothing significant, so partition 0 can finish its step.
    mesh[1][0].send(AbstractMeshProtocol.frame(AbstractMeshProtocol.UPDATE, 0,
        VectorCodec.encode(P, new int[0], new float[0])));
    p.receive();
    p.close();
    if (d.indices() != null) {
      return d.indices();
    }
    return IntStream.range(0, P).filter(j -> d.values()[j] != 0f).toArray();
  }

  @FunctionalInterface
  interface GaiaProtocolFactory {
    GaiaProtocol create(float[] init, ProtocolContext context);
  }

  /** Parameter 0 moves 0.2 (about 17% of its new value), 1 and 3-5 move 0.005 (0.5%), 2 not at all. */
  static float[] gradient() {
    float[] g = new float[P];
    g[0] = -0.4f;
    g[1] = -0.01f;
    g[3] = -0.01f;
    g[4] = -0.01f;
    g[5] = -0.01f;
    return g;
  }

  @Test
  void defaultSignificanceIsTheRelativeMagnitudeOfAppendix6A() throws Exception {
    assertArrayEquals(new int[] {0}, sentIndices((w, c) -> new GaiaProtocol(w, PLAIN, c, 0.05), gradient()),
        "only |v/w| = 0.2/1.2 exceeds T0 = 5%");
    GaiaProtocol p = new GaiaProtocol(new float[P], PLAIN, ProtocolContext.of(0,
        Mesh.inProcess("d", 2, LinkShape.UNSHAPED, new TrafficMeter())[0]), 0.05);
    assertSame(SignificanceFunction.relativeMagnitude(), p.significance());
    p.close();
    // T0 = 0: every non-zero accumulated update, and only those, is significant.
    assertArrayEquals(new int[] {0, 1, 3, 4, 5}, sentIndices((w, c) -> new GaiaProtocol(w, PLAIN, c, 0), gradient()));
  }

  @Test
  void groupSignificanceSendsWholeGroupsOfNonZeroUpdates() throws Exception {
    // Group {0,1,2}: ||(0.2, 0.005, 0)|| / ||(1.2, 1.005, 1)|| = 0.108 > 5%, so 1 travels with 0 (2 has
    // nothing to send); group {3,4,5}: 0.005 relative, kept.
    int[] sent = sentIndices((w, c) -> new GaiaProtocol(w, PLAIN, c, 0.05, SignificanceFunction.groupNorm(3)),
        gradient());
    assertArrayEquals(new int[] {0, 1}, sent);
    // A lower threshold releases group {3,4,5} whole.
    sent = sentIndices((w, c) -> new GaiaProtocol(w, PLAIN, c, 0.004, SignificanceFunction.groupNorm(3)), gradient());
    assertArrayEquals(new int[] {0, 1, 3, 4, 5}, sent);
  }

  @Test
  void groupWidthMustDivideTheModel() {
    Link[] links = Mesh.inProcess("w", 2, LinkShape.UNSHAPED, new TrafficMeter())[0];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new GaiaProtocol(new float[P], PLAIN, ProtocolContext.of(0, links), 0.1, SignificanceFunction.groupNorm(5)));
    assertTrue(e.getMessage().contains("groups of 5"), e.getMessage());
  }
}
