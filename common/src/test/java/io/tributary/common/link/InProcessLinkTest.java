package io.tributary.common.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.metrics.TrafficMeter;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InProcessLinkTest {

  @Test
  void framesArriveInOrderAndAreCountedPerDirection() throws Exception {
    TrafficMeter meter = new TrafficMeter();
    InProcessLink[] ends = InProcessLink.pair("a", "b", LinkShape.UNSHAPED, meter);
    for (int i = 0; i < 50; i++) {
      ends[0].send(new byte[] {(byte) i, 1, 2});
    }
    ends[1].send(new byte[10]);
    for (int i = 0; i < 50; i++) {
      assertArrayEquals(new byte[] {(byte) i, 1, 2}, ends[1].receive(1, TimeUnit.SECONDS));
    }
    assertEquals(10, ends[0].receive(1, TimeUnit.SECONDS).length);
    assertNull(ends[0].receive(10, TimeUnit.MILLISECONDS));
    assertEquals(150, meter.bytes("a->b"));
    assertEquals(50, meter.messages("a->b"));
    assertEquals(10, meter.bytes("b->a"));
    assertEquals(160, meter.totalBytes());
  }

  @Test
  void shapingHonoursBandwidthAndLatency() throws Exception {
    TrafficMeter meter = new TrafficMeter();
    // 8 Mbit/s = 1 MB/s: 200 KB take 200 ms on the wire, plus 50 ms latency.
    InProcessLink[] ends = InProcessLink.pair("a", "b", LinkShape.ofMbps(8, 50), meter);
    long t0 = System.nanoTime();
    for (int i = 0; i < 4; i++) {
      byte[] f = new byte[50_000];
      f[0] = (byte) i;
      ends[0].send(f);
    }
    for (int i = 0; i < 4; i++) {
      byte[] f = ends[1].receive(5, TimeUnit.SECONDS);
      assertEquals(50_000, f.length);
      assertEquals(i, f[0], "frames leave the virtual wire in the order they were sent");
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    assertTrue(ms >= 240, "200 KB at 1 MB/s + 50 ms latency arrived after only " + ms + " ms");
    assertEquals(200_000, meter.bytes("a->b"));
    assertEquals(4, meter.messages("a->b"));
  }

  @Test
  void closedLinkRefusesToSend() {
    InProcessLink[] ends = InProcessLink.pair("a", "b", LinkShape.UNSHAPED, new TrafficMeter());
    ends[0].close();
    IOException e = assertThrows(IOException.class, () -> ends[1].send(new byte[1]));
    assertTrue(e.getMessage().contains("b->a"), e.getMessage());
  }

  @Test
  void shapeValidatesInput() {
    assertThrows(IllegalArgumentException.class, () -> new LinkShape(1e6, -1));
    assertEquals(8_000_000L, LinkShape.ofMbps(1, 0).transmitNanos(1000));
    assertEquals(0, LinkShape.UNSHAPED.transmitNanos(1 << 20));
  }
}
