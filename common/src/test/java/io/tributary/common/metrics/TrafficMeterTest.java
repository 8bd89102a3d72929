package io.tributary.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TrafficMeterTest {

  @Test
  void countsConcurrentRecordsExactly() throws Exception {
    TrafficMeter m = new TrafficMeter();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      int id = t;
      pool.submit(() -> {
        for (int i = 0; i < 10_000; i++) {
          m.record("p" + (id % 2) + "/send", 3);
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    assertEquals(60_000, m.bytes("p0/send"));
    assertEquals(20_000, m.messages("p1/send"));
    assertEquals(120_000, m.totalBytes());
    assertEquals(120_000, m.bytesWithPrefix("p"));
    assertEquals(0, m.bytes("nope"));
  }

  @Test
  void mergesAndResets() {
    TrafficMeter a = new TrafficMeter();
    TrafficMeter b = new TrafficMeter();
    a.record("x", 5);
    b.record("x", 7);
    b.record("y", 1);
    a.addAll(b);
    assertEquals(12, a.bytes("x"));
    assertEquals(2, a.messages("x"));
    assertEquals(2, a.snapshot().size());
    a.reset();
    assertEquals(0, a.totalBytes());
    assertThrows(IllegalArgumentException.class, () -> a.record("x", -1));
  }
}
