package io.tributary.common.asp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AspMessageTest {

  @Test
  void framesRoundTripEveryMessageKind() {
    AspMessage.Update sparse = new AspMessage.Update(3, 7, 12, 300, 100, new int[] {301, 350, 399},
        new float[] {0.5f, -2f, 1e-3f});
    float[] dv = new float[50];
    int[] di = new int[50];
    for (int i = 0; i < 50; i++) {
      di[i] = 100 + i;
      dv[i] = i + 1;
    }
    AspMessage.Update dense = new AspMessage.Update(1, 2, 3, 100, 50, di, dv);
    AspMessage.Barrier barrier = new AspMessage.Barrier(3, 8, 300, new int[] {300, 301, 399});
    AspMessage.Clock clock = new AspMessage.Clock(41, new double[] {1.5, 2e9});
    AspMessage.Finished fin = new AspMessage.Finished(99);
    byte[] frame = AspMessage.frame(List.of(AspMessage.encode(sparse), AspMessage.encode(dense),
        AspMessage.encode(barrier), AspMessage.encode(clock), AspMessage.encode(fin)));
    List<AspMessage> back = AspMessage.decodeFrame(frame);
    assertEquals(5, back.size());
    AspMessage.Update s = (AspMessage.Update) back.get(0);
    assertArrayEquals(sparse.indices(), s.indices());
    assertArrayEquals(sparse.values(), s.values());
    assertEquals(7, s.seq());
    AspMessage.Update d = (AspMessage.Update) back.get(1);
    assertArrayEquals(di, d.indices());
    assertArrayEquals(dv, d.values());
    AspMessage.Barrier b = (AspMessage.Barrier) back.get(2);
    assertArrayEquals(barrier.indices(), b.indices());
    assertEquals(8, b.seq());
    AspMessage.Clock c = (AspMessage.Clock) back.get(3);
    assertEquals(41, c.clock());
    assertArrayEquals(clock.stats(), c.stats());
    assertEquals(99, ((AspMessage.Finished) back.get(4)).clock());
    assertTrue(barrier.control() && clock.control() && !sparse.control() && !fin.control());
  }

  @Test
  void sparseUpdatesAreCompact() {
    AspMessage.Update u = new AspMessage.Update(0, 1, 1, 0, 4096, new int[] {5, 6, 7}, new float[] {1, 2, 3});
    assertTrue(AspMessage.encode(u).length < 30, "three entries of a 4096-parameter shard take a few bytes");
  }

  @Test
  void malformedFramesAreRejectedWithAReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AspMessage.decodeFrame(new byte[] {'A', 2, 1}));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AspMessage.decodeFrame(new byte[] {'X', 0}));
    assertThrows(IllegalArgumentException.class, () -> AspMessage.decodeFrame(new byte[] {'A', 1, 9}));
  }
}
