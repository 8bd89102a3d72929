package io.tributary.common.link;

import io.tributary.common.metrics.TrafficMeter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/**
 * A {@link Link} over one mutually authenticated TLS connection between two endpoints (for
 * example two data centres' drivers), created by {@link LinkServer#connect}. The endpoint with
 * the smaller id dials, the other accepts, so each pair has one connection; either side may start
 * first, and a lost connection is re-established with exponential backoff.
 *
 * <p>Delivery is reliable and in order across reconnections: every data frame carries a sequence
 * number, the receiver acknowledges what it has delivered, and the sender keeps every
 * unacknowledged frame; after a reconnect both sides exchange the last sequence number they
 * received and the sender resends the rest. Nothing handed to {@link #send} is lost while the
 * process lives, however long the connection is down ({@link #send} blocks once
 * {@code maxUnackedBytes} are waiting, as back-pressure).
 *
 * <p>Emulation: {@link #send} occupies a {@link Shaper} for the frame's transmission time at the
 * configured bandwidth, and the frame is written to the socket only after the configured one-way
 * latency, so the receiver sees WAN timing on loopback. Bytes are counted in the
 * {@link TrafficMeter} when they are written to the socket (frame header and payload; a frame
 * resent after a reconnect is counted again, acknowledgements are counted too), not at TLS level.
 */
public final class TcpLink implements Link {
  static final byte DATA = LinkFrame.DATA;
  static final byte ACK = LinkFrame.ACK;
  /** Bytes of a data frame's header on the socket: type, sequence number, length. */
  public static final int DATA_HEADER_BYTES = 1 + 8 + 4;
  static final int ACK_BYTES = 1 + 8;

  private final String local;
  private final String remote;
  private final LinkShape shape;
  private final Shaper shaper;
  private final TrafficMeter meter;
  private final LinkServer server;
  private final InetSocketAddress peerAddress;
  private final boolean dialer;
  private final LinkServer.Options options;
  private final LinkedBlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();

  private final Object lock = new Object();
  // Guarded by lock.
  private long nextSeq = 1;
  private final TreeMap<Long, Pending> unacked = new TreeMap<>();
  private long unackedBytes;
  private long writtenUpTo;
  private long receivedUpTo;
  private long ackDueAtNanos = Long.MAX_VALUE;
  private long lastWriteNanos;
  private Connection conn;
  private int connections;
  private String lastError;
  private volatile boolean closed;

  private final Thread writer;
  private final Thread dialerThread;

  private record Pending(long seq, byte[] payload, long deliverAtNanos) {}

  /** One live socket; replaced on reconnect. */
  private final class Connection {
    final SSLSocket socket;
    final DataOutputStream out;
    final DataInputStream in;

    Connection(SSLSocket socket) throws IOException {
      this.socket = socket;
      this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
      this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing a broken socket: nothing more to do.
      }
    }
  }

  TcpLink(LinkServer server, String local, String remote, InetSocketAddress peerAddress, LinkShape shape,
      TrafficMeter meter, LinkServer.Options options) {
    this.server = server;
    this.local = local;
    this.remote = remote;
    this.peerAddress = peerAddress;
    this.shape = shape;
    this.shaper = new Shaper(shape);
    this.meter = meter;
    this.options = options;
    this.dialer = local.compareTo(remote) < 0;
    if (dialer && peerAddress == null) {
      throw new IllegalArgumentException(local + " dials " + remote + " (smaller id dials) but has no address for it");
    }
    this.writer = new Thread(this::writeLoop, "link-writer " + channel());
    this.writer.setDaemon(true);
    this.writer.start();
    if (dialer) {
      this.dialerThread = new Thread(this::dialLoop, "link-dialer " + channel());
      this.dialerThread.setDaemon(true);
      this.dialerThread.start();
    } else {
      this.dialerThread = null;
    }
  }

  @Override
  public String localId() {
    return local;
  }

  @Override
  public String remoteId() {
    return remote;
  }

  /** The emulated shape of this link. */
  public LinkShape shape() {
    return shape;
  }

  /** Whether this side dials the peer (smaller id) rather than accepting its connection. */
  public boolean isDialer() {
    return dialer;
  }

  @Override
  public void send(byte[] frame) throws IOException {
    if (closed) {
      throw new IOException("link " + channel() + " is closed");
    }
    long deliverAt;
    try {
      synchronized (lock) {
        while (unackedBytes + frame.length > options.maxUnackedBytes() && !unacked.isEmpty() && !closed) {
          lock.wait(100);
        }
      }
      deliverAt = shaper.admit(frame.length);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending on " + channel(), e);
    }
    synchronized (lock) {
      if (closed) {
        throw new IOException("link " + channel() + " is closed");
      }
      long seq = nextSeq++;
      unacked.put(seq, new Pending(seq, frame.clone(), deliverAt));
      unackedBytes += frame.length;
      lock.notifyAll();
    }
  }

  @Override
  public byte[] receive(long timeout, TimeUnit unit) throws IOException, InterruptedException {
    byte[] f = inbox.poll(timeout, unit);
    if (f == null && closed && inbox.isEmpty()) {
      throw new IOException("link " + remote + "->" + local + " is closed");
    }
    return f;
  }

  @Override
  public TrafficMeter meter() {
    return meter;
  }

  /** Whether a connection to the peer is established right now. */
  public boolean isConnected() {
    synchronized (lock) {
      return conn != null;
    }
  }

  /** How many times a connection has been established (1 after the first, +1 per reconnect). */
  public int connectionCount() {
    synchronized (lock) {
      return connections;
    }
  }

  /** The last connection error seen on this side (null if none). */
  public String lastError() {
    synchronized (lock) {
      return lastError;
    }
  }

  /** Bytes handed to {@link #send} whose delivery the peer has not acknowledged yet. */
  public long unacknowledgedBytes() {
    synchronized (lock) {
      return unackedBytes;
    }
  }

  /** Waits until the peer is connected; false on timeout. */
  public boolean awaitConnected(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    synchronized (lock) {
      while (conn == null && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return conn != null;
    }
  }

  /** Waits until no connection to the peer is established (for example after a cut); false on timeout. */
  public boolean awaitDisconnected(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    synchronized (lock) {
      while (conn != null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  /**
   * Waits until every frame sent so far has been acknowledged by the peer (so it is safe to
   * close); false on timeout.
   */
  public boolean awaitAcknowledged(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    synchronized (lock) {
      while (!unacked.isEmpty() && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
      }
      return unacked.isEmpty();
    }
  }

  @Override
  public void close() {
    Connection c;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      c = conn;
      conn = null;
      lock.notifyAll();
    }
    if (c != null) {
      c.close();
    }
    writer.interrupt();
    if (dialerThread != null) {
      dialerThread.interrupt();
    }
    server.forget(this);
  }

  long receivedUpTo() {
    synchronized (lock) {
      return receivedUpTo;
    }
  }

  /**
   * Adopts a freshly authenticated socket. {@code peerReceivedUpTo} is the last sequence number
   * the peer has delivered; everything after it is resent.
   */
  void attach(SSLSocket socket, long peerReceivedUpTo) throws IOException {
    Connection fresh = new Connection(socket);
    Connection old;
    synchronized (lock) {
      if (closed) {
        fresh.close();
        return;
      }
      old = conn;
      conn = fresh;
      connections++;
      dropAcknowledged(peerReceivedUpTo);
      writtenUpTo = Math.max(peerReceivedUpTo, unacked.isEmpty() ? peerReceivedUpTo : unacked.firstKey() - 1);
      // Resent frames travel the emulated latency again from now on.
      long earliest = System.nanoTime() + (long) (shape.latencyMillis() * 1e6);
      for (Map.Entry<Long, Pending> e : unacked.entrySet()) {
        Pending p = e.getValue();
        if (p.deliverAtNanos < earliest) {
          e.setValue(new Pending(p.seq, p.payload, earliest));
        }
      }
      ackDueAtNanos = System.nanoTime();
      lock.notifyAll();
    }
    if (old != null) {
      old.close();
    }
    Thread reader = new Thread(() -> readLoop(fresh), "link-reader " + remote + "->" + local);
    reader.setDaemon(true);
    reader.start();
  }

  private void dropAcknowledged(long upTo) {
    while (!unacked.isEmpty() && unacked.firstKey() <= upTo) {
      unackedBytes -= unacked.pollFirstEntry().getValue().payload.length;
    }
  }

  private void connectionLost(Connection c, Throwable why) {
    synchronized (lock) {
      if (conn == c) {
        conn = null;
        lastError = why == null ? "connection closed" : why.getClass().getSimpleName() + ": " + why.getMessage();
        lock.notifyAll();
      }
    }
    c.close();
  }

  private void readLoop(Connection c) {
    try {
      c.socket.setSoTimeout((int) options.timing().deadAfterMillis());
      while (true) {
        LinkFrame f = LinkFrame.read(c.in, options.maxFrameBytes(), remote);
        long seq = f.seq();
        if (f.type() == DATA) {
          byte[] payload = f.payload();
          synchronized (lock) {
            if (conn != c) {
              return;
            }
            if (seq == receivedUpTo + 1) {
              receivedUpTo = seq;
              inbox.add(payload);
            } else if (seq > receivedUpTo + 1) {
              throw new IOException("frame " + seq + " from " + remote + " skips " + (receivedUpTo + 1));
            }
            // seq <= receivedUpTo: a resent duplicate, already delivered.
            long due = System.nanoTime() + (long) (shape.latencyMillis() * 1e6) + options.timing().ackDelayNanos();
            if (ackDueAtNanos == Long.MAX_VALUE) {
              ackDueAtNanos = due;
              lock.notifyAll();
            }
          }
        } else {
          synchronized (lock) {
            if (conn != c) {
              return;
            }
            dropAcknowledged(seq);
            lock.notifyAll();
          }
        }
      }
    } catch (SocketTimeoutException e) {
      connectionLost(c, new IOException("no traffic from " + remote + " for " + options.timing().deadAfterMillis()
          + " ms"));
    } catch (IOException | RuntimeException e) {
      connectionLost(c, e);
    }
  }

  private void writeLoop() {
    try {
      while (!closed) {
        Connection c;
        Pending data = null;
        boolean ack = false;
        long ackValue = 0;
        synchronized (lock) {
          if (conn == null) {
            lock.wait(200);
            continue;
          }
          long now = System.nanoTime();
          Map.Entry<Long, Pending> next = unacked.higherEntry(writtenUpTo);
          long dataDue = next == null ? Long.MAX_VALUE : next.getValue().deliverAtNanos;
          long heartbeatDue = lastWriteNanos + TimeUnit.MILLISECONDS.toNanos(options.timing().heartbeatMillis());
          long ackDue = Math.min(ackDueAtNanos, heartbeatDue);
          long due = Math.min(dataDue, ackDue);
          if (due > now) {
            long waitNanos = Math.min(due - now, TimeUnit.MILLISECONDS.toNanos(200));
            TimeUnit.NANOSECONDS.timedWait(lock, Math.max(waitNanos, 1000));
            continue;
          }
          c = conn;
          if (ackDue <= now && ackDue <= dataDue) {
            ack = true;
            ackValue = receivedUpTo;
            ackDueAtNanos = Long.MAX_VALUE;
          } else {
            data = next.getValue();
          }
        }
        try {
          int bytes;
          if (ack) {
            c.out.writeByte(ACK);
            c.out.writeLong(ackValue);
            bytes = ACK_BYTES;
          } else {
            c.out.writeByte(DATA);
            c.out.writeLong(data.seq);
            c.out.writeInt(data.payload.length);
            c.out.write(data.payload);
            bytes = DATA_HEADER_BYTES + data.payload.length;
          }
          c.out.flush();
          meter.record(channel(), bytes);
          synchronized (lock) {
            lastWriteNanos = System.nanoTime();
            if (data != null && conn == c && data.seq > writtenUpTo) {
              writtenUpTo = data.seq;
            }
          }
        } catch (IOException e) {
          connectionLost(c, e);
        }
      }
    } catch (InterruptedException e) {
      // close() interrupts the writer.
    }
  }

  private void dialLoop() {
    long backoff = options.timing().minBackoffMillis();
    try {
      while (!closed) {
        synchronized (lock) {
          while (conn != null && !closed) {
            lock.wait(500);
          }
        }
        if (closed) {
          return;
        }
        try {
          server.dial(this, peerAddress);
          backoff = options.timing().minBackoffMillis();
        } catch (IOException | RuntimeException e) {
          synchronized (lock) {
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
          }
          long jitter = ThreadLocalRandom.current().nextLong(backoff / 4 + 1);
          Thread.sleep(backoff + jitter);
          backoff = Math.min(backoff * 2, options.timing().maxBackoffMillis());
        }
      }
    } catch (InterruptedException e) {
      // close() interrupts the dialer.
    }
  }

  @Override
  public String toString() {
    return "TcpLink[" + channel() + ", " + shape + (isConnected() ? ", connected" : ", disconnected") + "]";
  }
}
