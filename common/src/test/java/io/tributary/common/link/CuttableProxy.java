package io.tributary.common.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder on loopback that a test can cut (every connection through it is dropped and new
 * ones are refused) and restore: a WAN outage between two endpoints, without any hook in the code
 * under test. Bytes are forwarded untouched, so TLS runs end to end through it.
 */
public final class CuttableProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile boolean cut;
  private volatile boolean closed;

  public CuttableProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "proxy->" + target.getPort());
    t.setDaemon(true);
    t.start();
  }

  /** Where endpoints should dial instead of the target. */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
  }

  /** Connections forwarded so far. */
  public int acceptedConnections() {
    return accepted.get();
  }

  /** Drops every connection and refuses new ones until {@link #restore()}. */
  public void cut() {
    cut = true;
    for (Socket s : open) {
      closeQuietly(s);
    }
    open.clear();
  }

  /** Lets connections through again. */
  public void restore() {
    cut = false;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket in = server.accept();
        if (cut) {
          closeQuietly(in);
          continue;
        }
        Socket out = new Socket();
        try {
          out.connect(target, 2000);
        } catch (IOException e) {
          closeQuietly(in);
          continue;
        }
        accepted.incrementAndGet();
        open.add(in);
        open.add(out);
        pump(in, out);
        pump(out, in);
      } catch (IOException e) {
        // Server closed, or a connection failed: keep accepting until closed.
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[1 << 16];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          if (cut) {
            break;
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // One side closed.
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    cut();
    server.close();
  }
}
