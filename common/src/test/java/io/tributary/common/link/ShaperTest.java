package io.tributary.common.link;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The shaper's schedule, checked against the instants around the call rather than against a
 * time budget: a frame is delivered exactly its transmission time plus the latency after it
 * started on the wire, and the sender is held until it has left the wire.
 */
class ShaperTest {

  @Test
  void deliveryIsWireStartPlusTransmissionPlusLatency() throws InterruptedException {
    LinkShape shape = LinkShape.ofMbps(8, 30); // 1 MB/s, 30 ms
    Shaper shaper = new Shaper(shape);
    long latency = 30_000_000L;
    long transmit = shape.transmitNanos(20_000); // 20 ms
    long before = System.nanoTime();
    long deliverAt = shaper.admit(20_000);
    long after = System.nanoTime();
    long wireStart = deliverAt - latency - transmit;
    assertTrue(wireStart >= before, "the frame started on the wire before it was handed over");
    assertTrue(deliverAt - latency <= after, "admit returned before the frame had left the wire");

    // A second frame queues behind the first: it cannot start before the first has left.
    long deliverSecond = shaper.admit(20_000);
    assertTrue(deliverSecond - latency - transmit >= deliverAt - latency,
        "the second frame overlapped the first on the wire");
  }
}
