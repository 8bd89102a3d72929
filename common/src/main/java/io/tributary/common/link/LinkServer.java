package io.tributary.common.link;

import io.tributary.common.metrics.TrafficMeter;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One endpoint's side of a deployment's network: it listens on a TLS port for peers, dials peers,
 * authenticates both directions with the deployment's certificates, and hands each authenticated
 * connection to the {@link TcpLink} for that peer (created with {@link #connect}).
 *
 * <p>Who may connect: a peer must present a certificate chain that validates against the
 * deployment CA (TLS client authentication is required), its certificate's common name must
 * equal the id it announces, and that id must be one of the allowed peers. Anything else is
 * refused, the connection closed, and the reason recorded in {@link #refusals()}.
 *
 * <p>Unauthenticated connections cost little and are bounded. A connection that has sent nothing
 * yet holds no thread: one selector thread watches them all, at most
 * {@link Options.Handshakes#maxUnauthenticated} at a time; when one more arrives, the oldest silent one is
 * closed (counted in {@link #droppedConnections()}), so a flood of idle connections cannot keep
 * out a peer whose TLS hello arrives at once. A connection that has spoken is handshaken on a pool
 * of {@link Options.Handshakes#threads} threads, and every unauthenticated connection is closed
 * {@link Options.Handshakes#connectTimeoutMillis} after it was accepted. Nothing is allocated for a peer
 * before it has authenticated beyond the TLS engine's own buffers.
 *
 * <p>Handshake after TLS: the dialer sends {@code HELLO(id, lastReceivedSeq)}, the acceptor
 * validates it and answers with its own; each side then resends what the other has not received.
 * A connection from a peer whose link has not been created yet waits until {@link #connect} is
 * called for it, so endpoints may start in any order.
 */
public final class LinkServer implements AutoCloseable {
  private static final int MAGIC = 0x54524942; // "TRIB"
  private static final int VERSION = 1;

  /**
   * Timing and size limits of the links of one server, in groups.
   *
   * @param timing how links keep alive, notice a lost peer and re-dial
   * @param handshakes limits on connections that have not authenticated yet
   * @param maxFrameBytes largest frame accepted from a peer
   * @param maxUnackedBytes {@link TcpLink#send} blocks while this many bytes await acknowledgement
   * @param refusalLogSize refusals kept for {@link #refusals()} (the newest); all are counted
   */
  public record Options(Timing timing, Handshakes handshakes, int maxFrameBytes, long maxUnackedBytes,
      int refusalLogSize) {
    public Options {
      if (handshakes.connectTimeoutMillis() <= 0 || handshakes.connectTimeoutMillis() > Integer.MAX_VALUE
          || maxFrameBytes < 0 || handshakes.threads() < 1 || handshakes.maxUnauthenticated() < 1
          || refusalLogSize < 1) {
        throw new IllegalArgumentException("link options out of range: " + timing.heartbeatMillis() + ", "
            + timing.deadAfterMillis() + ", connect timeout " + handshakes.connectTimeoutMillis() + " ms, max frame "
            + maxFrameBytes + ", " + handshakes.threads() + " handshake threads, " + handshakes.maxUnauthenticated()
            + " unauthenticated connections, " + refusalLogSize + " refusals kept");
      }
    }

    /**
     * How a link keeps alive, notices a lost peer and re-dials.
     *
     * @param heartbeatMillis an idle link sends an acknowledgement this often, so a silent peer is noticed
     * @param deadAfterMillis a connection with no traffic for this long is considered lost
     * @param minBackoffMillis first delay before re-dialling after a failure (doubles each time)
     * @param maxBackoffMillis largest delay between dial attempts
     * @param ackDelayMillis acknowledgements are coalesced over this delay
     */
    public record Timing(long heartbeatMillis, long deadAfterMillis, long minBackoffMillis, long maxBackoffMillis,
        long ackDelayMillis) {
      long ackDelayNanos() {
        return TimeUnit.MILLISECONDS.toNanos(ackDelayMillis);
      }
    }

    /**
     * Limits on connections that have not authenticated yet.
     *
     * @param connectTimeoutMillis TCP connect and TLS handshake time limit
     * @param threads threads that run TLS handshakes of accepted connections
     * @param maxUnauthenticated accepted connections that have not sent anything yet, at most; and
     *     connections waiting for a handshake thread, at most
     */
    public record Handshakes(long connectTimeoutMillis, int threads, int maxUnauthenticated) {}

    /** Defaults suited to emulated WANs on loopback and to real ones. */
    public static Options defaults() {
      return new Options(new Timing(500, 10_000, 50, 2_000, 2), new Handshakes(5_000, 4, 64), 256 << 20,
          512L << 20, 100);
    }

    /** These options with other limits on unauthenticated connections. */
    public Options withHandshakeLimits(int threads, int maxUnauthenticated, long timeoutMillis) {
      return new Options(timing, new Handshakes(timeoutMillis, threads, maxUnauthenticated), maxFrameBytes,
          maxUnackedBytes, refusalLogSize);
    }
  }

  private final String localId;
  private final SSLContext ssl;
  private final Set<String> allowedPeers;
  private final TrafficMeter meter;
  private final Options options;
  private final ServerSocketChannel serverChannel;
  private final Selector selector;
  /** Accepted connections that have sent nothing yet, oldest first, with when each was accepted. */
  private final LinkedHashMap<SocketChannel, Long> silent = new LinkedHashMap<>();
  private final ThreadPoolExecutor handshakes;
  private final ScheduledThreadPoolExecutor handshakeTimer;
  private final Map<String, TcpLink> links = new ConcurrentHashMap<>();
  private final Map<String, Parked> parked = new ConcurrentHashMap<>();
  private final ArrayDeque<String> refusals = new ArrayDeque<>();
  private final AtomicLong refusalCount = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread acceptor;
  private volatile boolean closed;

  private record Parked(SSLSocket socket, long peerReceivedUpTo) {}

  private LinkServer(String localId, InetSocketAddress bind, EndpointCredentials credentials,
      Collection<String> allowedPeers, TrafficMeter meter, Options options) throws IOException {
    this.localId = DeploymentCa.checkId(localId);
    if (!localId.equals(credentials.id())) {
      throw new IllegalArgumentException("endpoint " + localId + " was given the credentials of " + credentials.id());
    }
    this.ssl = credentials.sslContext();
    this.allowedPeers = Set.copyOf(new TreeSet<>(allowedPeers));
    this.meter = meter;
    this.options = options;
    this.serverChannel = ServerSocketChannel.open();
    this.selector = Selector.open();
    try {
      serverChannel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      serverChannel.bind(bind, 128);
      serverChannel.configureBlocking(false);
      serverChannel.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException e) {
      selector.close();
      serverChannel.close();
      throw new IOException("endpoint " + localId + " cannot listen on " + bind + ": " + e.getMessage(), e);
    }
    this.handshakes = new ThreadPoolExecutor(options.handshakes().threads(), options.handshakes().threads(), 0,
        TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(options.handshakes().maxUnauthenticated()),
        daemonThreads("link-handshake " + localId));
    this.handshakeTimer = new ScheduledThreadPoolExecutor(1, daemonThreads("link-handshake-timer " + localId));
    handshakeTimer.setRemoveOnCancelPolicy(true);
    this.acceptor = new Thread(this::acceptLoop, "link-acceptor " + localId);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Starts listening for peers at {@code bind} (port 0 picks a free port) with default options.
   *
   * @param allowedPeers the ids that may connect (other data centres of the deployment)
   */
  public static LinkServer start(String localId, InetSocketAddress bind, EndpointCredentials credentials,
      Collection<String> allowedPeers, TrafficMeter meter) throws IOException {
    return start(localId, bind, credentials, allowedPeers, meter, Options.defaults());
  }

  /** Starts listening for peers with explicit options. */
  public static LinkServer start(String localId, InetSocketAddress bind, EndpointCredentials credentials,
      Collection<String> allowedPeers, TrafficMeter meter, Options options) throws IOException {
    return new LinkServer(localId, bind, credentials, allowedPeers, meter, options);
  }

  /** Loopback address with an OS-chosen port. */
  public static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  /** This endpoint's id. */
  public String localId() {
    return localId;
  }

  /** The address peers dial. */
  public InetSocketAddress address() {
    return new InetSocketAddress(serverChannel.socket().getInetAddress(), serverChannel.socket().getLocalPort());
  }

  /** The meter every link of this server counts into. */
  public TrafficMeter meter() {
    return meter;
  }

  /**
   * Why peers were refused, one line each, oldest first: the last
   * {@link Options#refusalLogSize} of them ({@link #refusalCount()} counts all).
   */
  public List<String> refusals() {
    synchronized (refusals) {
      return new ArrayList<>(refusals);
    }
  }

  /** How many connections were refused since the server started. */
  public long refusalCount() {
    return refusalCount.get();
  }

  /**
   * How many unauthenticated connections were closed without a handshake: silent ones pushed out
   * by newer ones over {@link Options.Handshakes#maxUnauthenticated}, ones still silent at the handshake
   * timeout, and ones no handshake thread could take.
   */
  public long droppedConnections() {
    return dropped.get();
  }

  private void refuse(String why) {
    refusalCount.incrementAndGet();
    synchronized (refusals) {
      if (refusals.size() == options.refusalLogSize()) {
        refusals.removeFirst();
      }
      refusals.addLast(why);
    }
  }

  /**
   * The link to {@code peerId}, shaped with {@code shape}. If this endpoint's id is smaller it
   * dials {@code peerAddress} (retrying until the peer is up); otherwise it waits for the peer to
   * dial, and {@code peerAddress} may be null. Returns at once; use
   * {@link TcpLink#awaitConnected} to wait for the connection.
   */
  public synchronized TcpLink connect(String peerId, InetSocketAddress peerAddress, LinkShape shape) throws IOException {
    if (closed) {
      throw new IOException("link server " + localId + " is closed");
    }
    if (!allowedPeers.contains(peerId)) {
      throw new IllegalArgumentException(peerId + " is not an allowed peer of " + localId + " " + allowedPeers);
    }
    if (links.containsKey(peerId)) {
      throw new IllegalStateException(localId + " already has a link to " + peerId);
    }
    TcpLink link = new TcpLink(this, localId, peerId, peerAddress, shape, meter, options);
    links.put(peerId, link);
    Parked p = parked.remove(peerId);
    if (p != null) {
      adopt(link, p.socket, p.peerReceivedUpTo);
    }
    return link;
  }

  void forget(TcpLink link) {
    links.remove(link.remoteId(), link);
  }

  /** Dials {@code address} for {@code link}, authenticates, and attaches the connection. */
  void dial(TcpLink link, InetSocketAddress address) throws IOException {
    SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket();
    try {
      s.setTcpNoDelay(true);
      s.connect(address, (int) options.handshakes().connectTimeoutMillis());
      s.setSoTimeout((int) options.handshakes().connectTimeoutMillis());
      s.setEnabledProtocols(new String[] {"TLSv1.3"});
      startTls(s);
      String cn = peerCommonName(s);
      if (!link.remoteId().equals(cn)) {
        throw new IOException("peer at " + address + " presented a certificate for '" + cn + "', expected '"
            + link.remoteId() + "'");
      }
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(localId);
      out.writeLong(link.receivedUpTo());
      out.flush();
      // Unbuffered: the bytes after the hello belong to the link's reader.
      DataInputStream in = new DataInputStream(s.getInputStream());
      Hello h = readHello(in, address.toString());
      if (!h.id.equals(link.remoteId())) {
        throw new IOException("peer at " + address + " answered as '" + h.id + "', expected '" + link.remoteId() + "'");
      }
      link.attach(s, h.receivedUpTo);
    } catch (IOException | RuntimeException e) {
      closeQuietly(s);
      throw e;
    }
  }

  private record Hello(String id, long receivedUpTo) {}

  private static Hello readHello(DataInputStream in, String from) throws IOException {
    int magic = in.readInt();
    int version = in.readInt();
    if (magic != MAGIC || version != VERSION) {
      throw new IOException("peer at " + from + " does not speak the link protocol (magic " + Integer.toHexString(magic)
          + ", version " + version + ")");
    }
    return new Hello(in.readUTF(), in.readLong());
  }

  /**
   * Accepts connections and watches them until they send their first bytes (a TLS hello), then
   * hands them to the handshake pool; silent ones are closed when over the cap or timed out.
   */
  private void acceptLoop() {
    long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.handshakes().connectTimeoutMillis());
    try {
      while (!closed) {
        long waitMillis = 0; // 0: until something happens
        if (!silent.isEmpty()) {
          long oldest = silent.values().iterator().next();
          waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(oldest + timeoutNanos - System.nanoTime()) + 1);
        }
        // Keys left selected by the previous round's selectNow are handled without waiting.
        if (selector.selectedKeys().isEmpty()) {
          selector.select(waitMillis);
        }
        List<SelectionKey> ready = new ArrayList<>(selector.selectedKeys());
        selector.selectedKeys().clear();
        Map<SocketChannel, Long> spoke = new LinkedHashMap<>();
        for (SelectionKey k : ready) {
          if (!k.isValid()) {
            continue;
          }
          if (k.isAcceptable()) {
            acceptPending();
          } else if (k.isReadable()) {
            SocketChannel c = (SocketChannel) k.channel();
            k.cancel();
            Long acceptedAt = silent.remove(c);
            if (acceptedAt != null) {
              spoke.put(c, acceptedAt);
            }
          }
        }
        if (!spoke.isEmpty()) {
          // Cancelled keys leave the selector at its next selection; only then may their channels block.
          selector.selectNow();
          spoke.forEach(this::handshakeLater);
        }
        long now = System.nanoTime();
        for (Iterator<Map.Entry<SocketChannel, Long>> it = silent.entrySet().iterator(); it.hasNext(); ) {
          Map.Entry<SocketChannel, Long> e = it.next();
          if (now - e.getValue() < timeoutNanos) {
            break; // oldest first: the rest are younger
          }
          it.remove();
          dropped.incrementAndGet();
          closeQuietly(e.getKey());
        }
      }
    } catch (IOException | ClosedSelectorException e) {
      if (!closed) {
        refuse("link server " + localId + " stopped accepting: " + e.getMessage());
      }
    } finally {
      for (SocketChannel c : silent.keySet()) {
        closeQuietly(c);
      }
      silent.clear();
      closeQuietly(selector);
    }
  }

  private void acceptPending() throws IOException {
    SocketChannel c;
    while ((c = serverChannel.accept()) != null) {
      if (silent.size() >= options.handshakes().maxUnauthenticated()) {
        // Push out the oldest silent connection: a real peer speaks at once, an idle one waits.
        Iterator<SocketChannel> oldest = silent.keySet().iterator();
        SocketChannel victim = oldest.next();
        oldest.remove();
        dropped.incrementAndGet();
        closeQuietly(victim);
      }
      try {
        c.configureBlocking(false);
        c.register(selector, SelectionKey.OP_READ);
        silent.put(c, System.nanoTime());
      } catch (IOException e) {
        closeQuietly(c);
      }
    }
  }

  /** Queues the handshake of a connection that has spoken (its key is already cancelled). */
  private void handshakeLater(SocketChannel c, long acceptedAtNanos) {
    try {
      c.configureBlocking(true);
      handshakes.execute(() -> handshake(c, acceptedAtNanos));
    } catch (IOException | RejectedExecutionException e) {
      dropped.incrementAndGet();
      closeQuietly(c);
    }
  }

  /**
   * Runs the TLS handshake. Either side may abort it first: we see an SSLHandshakeException when we
   * distrust the peer, a reset or broken pipe when the peer distrusts us; both mean the same to an
   * operator, so both get one message.
   */
  private static void startTls(SSLSocket s) throws IOException {
    try {
      s.startHandshake();
    } catch (IOException e) {
      throw new IOException("TLS handshake failed (a certificate not issued by this deployment's CA"
          + " on one side or the other): " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private void handshake(SocketChannel c, long acceptedAtNanos) {
    String from = String.valueOf(c.socket().getRemoteSocketAddress());
    long leftMillis = options.handshakes().connectTimeoutMillis()
        - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - acceptedAtNanos);
    if (leftMillis <= 0 || closed) {
      dropped.incrementAndGet();
      closeQuietly(c);
      return;
    }
    // Each read is bounded by SO_TIMEOUT; the whole handshake by this deadline, so a peer sending
    // a byte at a time cannot keep the thread.
    ScheduledFuture<?> deadline = handshakeTimer.schedule(() -> closeQuietly(c), leftMillis, TimeUnit.MILLISECONDS);
    SSLSocket s = null;
    try {
      s = (SSLSocket) ssl.getSocketFactory().createSocket(c.socket(), null, true);
      s.setUseClientMode(false);
      s.setNeedClientAuth(true);
      s.setEnabledProtocols(new String[] {"TLSv1.3"});
      s.setTcpNoDelay(true);
      s.setSoTimeout((int) leftMillis);
      startTls(s);
      String cn = peerCommonName(s);
      DataInputStream in = new DataInputStream(s.getInputStream());
      Hello h = readHello(in, from);
      if (!h.id.equals(cn)) {
        throw new IOException("peer announced '" + h.id + "' but its certificate is for '" + cn + "'");
      }
      if (!allowedPeers.contains(h.id)) {
        throw new IOException("'" + h.id + "' is not a listed peer of " + localId);
      }
      if (h.id.compareTo(localId) > 0) {
        throw new IOException("'" + h.id + "' dialled " + localId + " but the smaller id dials");
      }
      if (!deadline.cancel(false)) {
        throw new IOException("handshake took longer than " + options.handshakes().connectTimeoutMillis() + " ms");
      }
      synchronized (this) {
        TcpLink link = links.get(h.id);
        if (link == null) {
          Parked old = parked.put(h.id, new Parked(s, h.receivedUpTo));
          if (old != null) {
            closeQuietly(old.socket);
          }
          return;
        }
        adopt(link, s, h.receivedUpTo);
      }
    } catch (IOException | RuntimeException e) {
      deadline.cancel(false);
      if (!closed) {
        refuse("refused " + from + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      closeQuietly(s != null ? s : c);
    }
  }

  /** Answers the dialer's hello for {@code link} and attaches the socket. */
  private void adopt(TcpLink link, SSLSocket s, long peerReceivedUpTo) throws IOException {
    DataOutputStream out = new DataOutputStream(s.getOutputStream());
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeUTF(localId);
    out.writeLong(link.receivedUpTo());
    out.flush();
    link.attach(s, peerReceivedUpTo);
  }

  private static String peerCommonName(SSLSocket s) throws IOException {
    Certificate[] chain = s.getSession().getPeerCertificates();
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate x)) {
      throw new IOException("peer presented no X.509 certificate");
    }
    return EndpointCredentials.commonName(x);
  }

  private static void closeQuietly(Closeable s) {
    try {
      s.close();
    } catch (IOException e) {
      // Already broken.
    }
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + " #" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Closes every link and stops listening. */
  @Override
  public void close() {
    closed = true;
    selector.wakeup();
    closeQuietly(serverChannel);
    handshakes.shutdownNow();
    handshakeTimer.shutdownNow();
    for (TcpLink l : new ArrayList<>(links.values())) {
      l.close();
    }
    for (Parked p : parked.values()) {
      closeQuietly(p.socket);
    }
    parked.clear();
  }
}
