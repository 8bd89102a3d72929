package io.tributary.common.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.metrics.TrafficMeter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutual-TLS links between endpoints: authentication, shaping, reliability across cuts. */
class TcpLinkTest {
  private static final DeploymentCa CA = DeploymentCa.create("test-deployment");

  @Test
  void endpointsStartingInAnyOrderExchangeFramesBothWays() throws Exception {
    TrafficMeter ma = new TrafficMeter();
    TrafficMeter mb = new TrafficMeter();
    try (LinkServer b = LinkServer.start("dc-b", LinkServer.loopback(), CA.issue("dc-b"), List.of("dc-a"), mb);
        LinkServer a = LinkServer.start("dc-a", LinkServer.loopback(), CA.issue("dc-a"), List.of("dc-b"), ma)) {
      // dc-a dials (smaller id); it starts dialling before dc-b has even created its link.
      TcpLink ab = a.connect("dc-b", b.address(), LinkShape.UNSHAPED);
      assertTrue(ab.isDialer());
      Thread.sleep(100);
      TcpLink ba = b.connect("dc-a", null, LinkShape.UNSHAPED);
      assertTrue(ab.awaitConnected(5, TimeUnit.SECONDS), "never connected: " + ab.lastError());
      ab.send(new byte[] {1, 2, 3});
      ba.send(new byte[] {9});
      assertArrayEquals(new byte[] {1, 2, 3}, ba.receive(5, TimeUnit.SECONDS));
      assertArrayEquals(new byte[] {9}, ab.receive(5, TimeUnit.SECONDS));
      assertTrue(ab.awaitAcknowledged(5, TimeUnit.SECONDS));
      assertTrue(ma.bytes("dc-a->dc-b") >= 3 + TcpLink.DATA_HEADER_BYTES, "bytes are counted per channel");
      assertTrue(mb.bytes("dc-b->dc-a") >= 1 + TcpLink.DATA_HEADER_BYTES);
      assertTrue(a.refusals().isEmpty() && b.refusals().isEmpty(), a.refusals() + " " + b.refusals());
    }
  }

  @Test
  void shapedLinkDelaysByLatencyAndBandwidth() throws Exception {
    LinkShape shape = new LinkShape(8_000_000, 80); // 1 MB/s, 80 ms one way
    TrafficMeter meter = new TrafficMeter();
    try (LinkServer a = LinkServer.start("a", LinkServer.loopback(), CA.issue("a"), List.of("b"), meter);
        LinkServer b = LinkServer.start("b", LinkServer.loopback(), CA.issue("b"), List.of("a"), new TrafficMeter())) {
      TcpLink ab = a.connect("b", b.address(), shape);
      TcpLink ba = b.connect("a", null, shape);
      assertTrue(ab.awaitConnected(5, TimeUnit.SECONDS));
      ab.send(new byte[10]);
      assertNotNull(ba.receive(5, TimeUnit.SECONDS)); // warm up
      long t0 = System.nanoTime();
      byte[] big = new byte[200_000]; // 0.2 s at 1 MB/s
      big[0] = 1;
      ab.send(big);
      ab.send(new byte[] {2}); // queued behind the big frame on the same virtual wire
      byte[] got = ba.receive(5, TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertEquals(200_000, got.length);
      assertEquals(1, got[0], "the big frame arrives first");
      assertTrue(seconds >= 0.27, "0.2 s transmission + 0.08 s latency, took " + seconds);
      assertArrayEquals(new byte[] {2}, ba.receive(5, TimeUnit.SECONDS), "then the small one, in order");
      assertTrue(ab.awaitAcknowledged(5, TimeUnit.SECONDS));
      // Exactly three data frames went on the wire (no resends): payloads plus their headers.
      long data = 10 + 200_000 + 1 + 3L * TcpLink.DATA_HEADER_BYTES;
      assertEquals(0, (meter.bytes("a->b") - data) % TcpLink.ACK_BYTES,
          "beyond the three frames only acknowledgements were counted: " + meter.bytes("a->b"));
    }
  }

  @Test
  void peerWithACertificateFromAnotherCaIsRefused() throws Exception {
    DeploymentCa rogueCa = DeploymentCa.create("rogue");
    try (LinkServer b = LinkServer.start("dc-b", LinkServer.loopback(), CA.issue("dc-b"), List.of("dc-a"),
        new TrafficMeter());
        // Same id as a listed data centre, but its certificate is not from the deployment's CA.
        LinkServer rogue = LinkServer.start("dc-a", LinkServer.loopback(), rogueCa.issue("dc-a"), List.of("dc-b"),
            new TrafficMeter())) {
      TcpLink ba = b.connect("dc-a", null, LinkShape.UNSHAPED);
      TcpLink rb = rogue.connect("dc-b", b.address(), LinkShape.UNSHAPED);
      assertFalse(rb.awaitConnected(1500, TimeUnit.MILLISECONDS), "a rogue certificate must not connect");
      assertFalse(ba.isConnected());
      assertFalse(b.refusals().isEmpty(), "the refusal is recorded");
      assertNotNull(rb.lastError());
    }
  }

  @Test
  void validCertificateForAnUnlistedIdIsRefused() throws Exception {
    try (LinkServer b = LinkServer.start("dc-b", LinkServer.loopback(), CA.issue("dc-b"), List.of("dc-a"),
        new TrafficMeter());
        LinkServer intruder = LinkServer.start("dc-0", LinkServer.loopback(), CA.issue("dc-0"), List.of("dc-b"),
            new TrafficMeter())) {
      TcpLink ib = intruder.connect("dc-b", b.address(), LinkShape.UNSHAPED);
      assertFalse(ib.awaitConnected(1500, TimeUnit.MILLISECONDS));
      assertTrue(b.refusals().stream().anyMatch(r -> r.contains("not a listed peer")), b.refusals().toString());
    }
  }

  @Test
  void certificateMustMatchTheAnnouncedId() {
    EndpointCredentials c = CA.issue("dc-x");
    assertThrows(IllegalArgumentException.class, () -> new EndpointCredentials("dc-y", c.key(), c.chain(), c.trustedCa()));
    assertThrows(IllegalArgumentException.class, () -> CA.issue("bad id/with slash"));
  }

  @Test
  void nothingIsLostWhenTheConnectionIsCutAndRestored() throws Exception {
    try (LinkServer a = LinkServer.start("a", LinkServer.loopback(), CA.issue("a"), List.of("b"), new TrafficMeter());
        LinkServer b = LinkServer.start("b", LinkServer.loopback(), CA.issue("b"), List.of("a"), new TrafficMeter());
        CuttableProxy proxy = new CuttableProxy(b.address())) {
      LinkShape shape = new LinkShape(0, 2);
      TcpLink ab = a.connect("b", proxy.address(), shape);
      TcpLink ba = b.connect("a", null, shape);
      assertTrue(ab.awaitConnected(5, TimeUnit.SECONDS));
      int n = 3000;
      Thread sender = new Thread(() -> {
        try {
          for (int i = 0; i < n; i++) {
            ab.send(ByteBuffer.allocate(4).putInt(i).array());
            ba.send(ByteBuffer.allocate(4).putInt(-i).array());
            if (i % 100 == 0) {
              Thread.sleep(10);
            }
          }
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      sender.start();
      Thread.sleep(100);
      proxy.cut();
      assertTrue(ab.awaitDisconnected(30, TimeUnit.SECONDS), "the cut is noticed");
      proxy.restore();
      for (int i = 0; i < n; i++) {
        byte[] f = ba.receive(10, TimeUnit.SECONDS);
        assertNotNull(f, "frame " + i + " lost");
        assertEquals(i, ByteBuffer.wrap(f).getInt(), "frames arrive once and in order");
        byte[] g = ab.receive(10, TimeUnit.SECONDS);
        assertNotNull(g, "reverse frame " + i + " lost");
        assertEquals(-i, ByteBuffer.wrap(g).getInt());
      }
      sender.join();
      assertTrue(ab.connectionCount() >= 2, "the link reconnected");
      assertTrue(ab.awaitAcknowledged(5, TimeUnit.SECONDS));
      assertEquals(0, ab.unacknowledgedBytes());
      assertTrue(proxy.acceptedConnections() >= 2);
    }
  }

  @Test
  void credentialsRoundTripThroughKeyStoreFiles(@TempDir Path dir) throws Exception {
    EndpointCredentials c = CA.issue("dc-f");
    char[] pw = "secret".toCharArray();
    c.writePkcs12(dir.resolve("dc-f.p12"), pw);
    CA.writeCertificatePem(dir.resolve("ca.pem"));
    EndpointCredentials back = EndpointCredentials.load(dir.resolve("dc-f.p12"), pw, dir.resolve("ca.pem"));
    assertEquals("dc-f", back.id());
    assertEquals(c.chain()[0], back.chain()[0]);
    IOException wrong = assertThrows(IOException.class,
        () -> EndpointCredentials.load(dir.resolve("dc-f.p12"), "nope".toCharArray(), dir.resolve("ca.pem")));
    assertTrue(wrong.getMessage().contains("dc-f.p12"), wrong.getMessage());
    Files.writeString(dir.resolve("junk.pem"), "not a certificate");
    IOException junk = assertThrows(IOException.class,
        () -> EndpointCredentials.readPemCertificate(dir.resolve("junk.pem")));
    assertTrue(junk.getMessage().contains("junk.pem"));
  }
}
