package io.tributary.common.link;

import io.tributary.common.metrics.TrafficMeter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
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
 * <p>Handshake after TLS: the dialer sends {@code HELLO(id, lastReceivedSeq)}, the acceptor
 * validates it and answers with its own; each side then resends what the other has not received.
 * A connection from a peer whose link has not been created yet waits until {@link #connect} is
 * called for it, so endpoints may start in any order.
 */
public final class LinkServer implements AutoCloseable {
  private static final int MAGIC = 0x54524942; // "TRIB"
  private static final int VERSION = 1;

  /**
   * Timing and size limits of the links of one server.
   *
   * @param heartbeatMillis an idle link sends an acknowledgement this often, so a silent peer is noticed
   * @param deadAfterMillis a connection with no traffic for this long is considered lost
   * @param minBackoffMillis first delay before re-dialling after a failure (doubles each time)
   * @param maxBackoffMillis largest delay between dial attempts
   * @param connectTimeoutMillis TCP connect and TLS handshake time limit
   * @param maxFrameBytes largest frame accepted from a peer
   * @param maxUnackedBytes {@link TcpLink#send} blocks while this many bytes await acknowledgement
   * @param ackDelayMillis acknowledgements are coalesced over this delay
   */
  public record Options(long heartbeatMillis, long deadAfterMillis, long minBackoffMillis, long maxBackoffMillis,
      long connectTimeoutMillis, int maxFrameBytes, long maxUnackedBytes, long ackDelayMillis) {
    /** Defaults suited to emulated WANs on loopback and to real ones. */
    public static Options defaults() {
      return new Options(500, 10_000, 50, 2_000, 5_000, 256 << 20, 512L << 20, 2);
    }

    long ackDelayNanos() {
      return TimeUnit.MILLISECONDS.toNanos(ackDelayMillis);
    }
  }

  private final String localId;
  private final SSLContext ssl;
  private final Set<String> allowedPeers;
  private final TrafficMeter meter;
  private final Options options;
  private final SSLServerSocket serverSocket;
  private final Map<String, TcpLink> links = new ConcurrentHashMap<>();
  private final Map<String, Parked> parked = new ConcurrentHashMap<>();
  private final List<String> refusals = new CopyOnWriteArrayList<>();
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
    this.serverSocket = (SSLServerSocket) ssl.getServerSocketFactory().createServerSocket();
    serverSocket.setReuseAddress(true);
    serverSocket.bind(bind, 64);
    serverSocket.setNeedClientAuth(true);
    serverSocket.setEnabledProtocols(new String[] {"TLSv1.3"});
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
    return new InetSocketAddress(serverSocket.getInetAddress(), serverSocket.getLocalPort());
  }

  /** The meter every link of this server counts into. */
  public TrafficMeter meter() {
    return meter;
  }

  /** Why peers were refused, one line each, oldest first. */
  public List<String> refusals() {
    return new ArrayList<>(refusals);
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
      s.connect(address, (int) options.connectTimeoutMillis());
      s.setSoTimeout((int) options.connectTimeoutMillis());
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

  private void acceptLoop() {
    while (!closed) {
      SSLSocket s;
      try {
        s = (SSLSocket) serverSocket.accept();
      } catch (IOException e) {
        if (!closed) {
          refusals.add("accept failed: " + e.getMessage());
        }
        continue;
      }
      Thread t = new Thread(() -> handshake(s), "link-handshake " + localId);
      t.setDaemon(true);
      t.start();
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

  private void handshake(SSLSocket s) {
    String from = String.valueOf(s.getRemoteSocketAddress());
    try {
      s.setTcpNoDelay(true);
      s.setSoTimeout((int) options.connectTimeoutMillis());
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
      if (!closed) {
        refusals.add("refused " + from + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      closeQuietly(s);
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

  private static void closeQuietly(SSLSocket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Already broken.
    }
  }

  /** Closes every link and stops listening. */
  @Override
  public void close() {
    closed = true;
    try {
      serverSocket.close();
    } catch (SocketException e) {
      // Closing: nothing to report.
    } catch (IOException e) {
      refusals.add("close failed: " + e.getMessage());
    }
    for (TcpLink l : new ArrayList<>(links.values())) {
      l.close();
    }
    for (Parked p : parked.values()) {
      closeQuietly(p.socket);
    }
    parked.clear();
  }
}
