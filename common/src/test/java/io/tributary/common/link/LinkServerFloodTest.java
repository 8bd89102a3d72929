package io.tributary.common.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.metrics.TrafficMeter;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A link server under connections that never authenticate: they cost no thread each, do not keep
 * out a certified data centre, are closed when they overstay, and the refusal log stays bounded.
 */
class LinkServerFloodTest {
  private static final DeploymentCa CA = DeploymentCa.create("flood-test");
  /** Hang guard for waits below; none of them is expected to come near it. */
  private static final long GUARD_SECONDS = 30;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void fiveHundredIdleConnectionsNeitherKeepOutAPeerNorMultiplyThreads() throws Exception {
    int threads = 4;
    int cap = 32;
    // The handshake timeout (10 min) is far beyond the guard: the peer can only get in within the
    // guard if it does not wait for any idle connection to time out.
    LinkServer.Options flooded = LinkServer.Options.defaults().withHandshakeLimits(threads, cap, 600_000);
    List<Socket> idle = new ArrayList<>();
    try (LinkServer b = LinkServer.start("flood-b", LinkServer.loopback(), CA.issue("flood-b"), List.of("flood-a"),
        new TrafficMeter(), flooded);
        LinkServer a = LinkServer.start("flood-a", LinkServer.loopback(), CA.issue("flood-a"), List.of("flood-b"),
            new TrafficMeter())) {
      TcpLink ba = b.connect("flood-a", null, LinkShape.UNSHAPED);
      for (int i = 0; i < 500; i++) {
        Socket s = new Socket();
        s.connect(b.address(), (int) TimeUnit.SECONDS.toMillis(GUARD_SECONDS));
        idle.add(s); // held open, never a byte sent
      }
      // Once all 500 are accepted, all but the newest `cap` have been pushed out.
      awaitAtLeast(b::droppedConnections, 500 - cap, "idle connections pushed out");
      int handshakeThreads = handshakeThreadsOf("flood-b");

      TcpLink ab = a.connect("flood-b", b.address(), LinkShape.UNSHAPED);
      assertTrue(ab.awaitConnected(GUARD_SECONDS, TimeUnit.SECONDS),
          "the certified data centre did not connect past 500 idle connections: " + ab.lastError());
      ab.send(new byte[] {4, 2});
      assertArrayEquals(new byte[] {4, 2}, ba.receive(GUARD_SECONDS, TimeUnit.SECONDS));

      // Silent connections hold no thread; the one that spoke took a pool thread and the timer.
      assertEquals(0, handshakeThreads, "handshake threads for 500 silent connections");
      int after = handshakeThreadsOf("flood-b");
      assertTrue(after <= threads + 1, after + " handshake threads, pool of " + threads + " plus the timer");
      assertTrue(b.droppedConnections() >= 500 - cap + 1, "the peer's connection pushed out an idle one too");
      assertTrue(b.refusals().isEmpty(), b.refusals().toString());
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void connectionsThatOverstayTheHandshakeTimeoutAreClosed() throws Exception {
    LinkServer.Options quick = LinkServer.Options.defaults().withHandshakeLimits(2, 8, 300);
    try (LinkServer b = LinkServer.start("dc-b", LinkServer.loopback(), CA.issue("dc-b"), List.of("dc-a"),
        new TrafficMeter(), quick);
        Socket silent = new Socket();
        Socket dripping = new Socket()) {
      silent.connect(b.address());
      dripping.connect(b.address());
      // A TLS record header's first byte, then nothing: the connection reaches a handshake thread.
      dripping.getOutputStream().write(0x16);
      dripping.getOutputStream().flush();
      assertClosedByServer(silent);
      assertClosedByServer(dripping);
      assertEquals(1, b.droppedConnections(), "the silent one is dropped by the acceptor");
      awaitAtLeast(b::refusalCount, 1, "the stalled handshake is refused");
      assertTrue(b.refusals().get(0).contains("handshake"), b.refusals().toString());
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void theRefusalLogKeepsTheNewestAndCountsAll() throws Exception {
    LinkServer.Options o = LinkServer.Options.defaults();
    LinkServer.Options small = new LinkServer.Options(o.timing(), o.handshakes(), o.maxFrameBytes(),
        o.maxUnackedBytes(), 5);
    try (LinkServer b = LinkServer.start("dc-b", LinkServer.loopback(), CA.issue("dc-b"), List.of("dc-a"),
        new TrafficMeter(), small)) {
      for (int i = 0; i < 20; i++) {
        try (Socket s = new Socket()) {
          s.connect(b.address());
          s.getOutputStream().write(("not TLS " + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
          assertClosedByServer(s); // one at a time, so the log order is the connection order
        }
      }
      awaitAtLeast(b::refusalCount, 20, "refusals counted");
      assertEquals(20, b.refusalCount());
      assertEquals(5, b.refusals().size(), b.refusals().toString());
    }
  }

  /** Reads until the server closes the connection (end of stream or reset). */
  private static void assertClosedByServer(Socket s) throws IOException {
    s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(GUARD_SECONDS));
    InputStream in = s.getInputStream();
    try {
      byte[] buf = new byte[4096];
      while (in.read(buf) >= 0) {
        // The server may answer with a TLS alert before closing.
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept the connection open for " + GUARD_SECONDS + " s", e);
    } catch (SocketException e) {
      // Reset by the server: closed too.
    }
  }

  /** Waits for a counter to reach {@code target}, with the hang guard. */
  private static void awaitAtLeast(LongSupplier counter, long target, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
    while (counter.getAsLong() < target) {
      assertTrue(System.nanoTime() < deadline, what + ": " + counter.getAsLong() + " of " + target);
      Thread.sleep(10);
    }
  }

  /** Threads handshaking for endpoint {@code id}: pool, timer, or (before the pool) one per connection. */
  private static int handshakeThreadsOf(String id) {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("link-handshake") && t.getName().contains(" " + id)).count();
  }
}
