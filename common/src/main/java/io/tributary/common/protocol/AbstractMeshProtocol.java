package io.tributary.common.protocol;

import io.tributary.common.link.Link;
import io.tributary.common.link.VectorCodec;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Shared machinery of the mesh protocols: the parameter vector, the send/receive phase discipline,
 * and framed vector messages to every peer. A frame is {@code kind byte, varint iteration,} then
 * a {@link VectorCodec} vector; the receiver checks kind and iteration so a protocol mismatch or a
 * lost step is reported instead of silently mixing iterations.
 */
abstract class AbstractMeshProtocol implements SyncProtocol {
  /** Frame kinds. */
  static final byte UPDATE = 'U';
  static final byte MODEL = 'M';

  protected final ProtocolContext context;
  protected final int k;
  protected final int numPartitions;
  protected final SgdConfig sgd;
  protected final float[] w;
  protected final Map<String, Double> diagnostics = new LinkedHashMap<>();
  private Step pending;
  private long lastIteration = -1;
  private Exception failure;

  AbstractMeshProtocol(float[] initialParameters, SgdConfig sgd, ProtocolContext context) {
    if (initialParameters == null || initialParameters.length == 0) {
      throw new IllegalArgumentException("initial parameters are empty");
    }
    this.context = context;
    this.k = context.partition();
    this.numPartitions = context.partitions();
    this.sgd = sgd;
    this.w = initialParameters.clone();
  }

  @Override
  public final int partition() {
    return k;
  }

  @Override
  public final int partitions() {
    return numPartitions;
  }

  @Override
  public final float[] parameters() {
    return w;
  }

  @Override
  public final void send(float[] gradient, Step step) throws IOException {
    checkNotFailed();
    if (pending != null) {
      throw new IllegalStateException(algorithm() + " partition " + k + ": send for iteration " + step.iteration()
          + " before receive of iteration " + pending.iteration());
    }
    if (step.iteration() <= lastIteration) {
      throw new IllegalStateException(algorithm() + " partition " + k + ": iteration " + step.iteration()
          + " does not follow " + lastIteration);
    }
    if (gradient == null ? needsGradient(step) : gradient.length != w.length) {
      throw new IllegalArgumentException(algorithm() + " partition " + k + ": gradient of length "
          + (gradient == null ? "null" : gradient.length) + " for " + w.length + " parameters");
    }
    pending = step;
    lastIteration = step.iteration();
    try {
      doSend(gradient, step);
    } catch (IOException | RuntimeException e) {
      failure = e;
      throw e;
    }
  }

  @Override
  public final void receive() throws IOException, InterruptedException {
    if (pending == null) {
      throw new IllegalStateException(algorithm() + " partition " + k + ": receive without send");
    }
    checkNotFailed();
    Step step = pending;
    try {
      doReceive(step);
    } catch (IOException | InterruptedException | RuntimeException e) {
      // Part of a step may have been applied: the replica is no longer consistent with its peers.
      failure = e;
      throw e;
    }
    pending = null;
  }

  private void checkNotFailed() {
    if (failure != null) {
      throw new IllegalStateException(algorithm() + " partition " + k + " failed at iteration " + lastIteration
          + " and cannot continue: " + failure.getMessage(), failure);
    }
  }

  /** Applies the local gradient and sends. */
  abstract void doSend(float[] gradient, Step step) throws IOException;

  /** Receives and applies the peers' frames of {@code step}. */
  abstract void doReceive(Step step) throws IOException, InterruptedException;

  /** The weight a_i of partition i's contribution. */
  protected double weight() {
    return context.weighting().weight(numPartitions);
  }

  /** Sends one framed vector to every peer. */
  protected final void broadcast(byte kind, long iteration, byte[] encodedVector) throws IOException {
    byte[] frame = frame(kind, iteration, encodedVector);
    for (int i = 0; i < numPartitions; i++) {
      if (i != k) {
        context.peer(i).send(frame);
      }
    }
  }

  static byte[] frame(byte kind, long iteration, byte[] encodedVector) {
    if (iteration > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("iteration " + iteration + " too large for a frame");
    }
    int it = (int) iteration;
    ByteBuffer b = ByteBuffer.allocate(1 + VectorCodec.varintSize(it) + encodedVector.length);
    b.put(kind);
    VectorCodec.putVarint(b, it);
    b.put(encodedVector);
    return b.array();
  }

  /**
   * Receives peer {@code i}'s frame for {@code iteration}, failing clearly on a timeout, a closed
   * link or a frame of another kind or iteration.
   */
  protected final VectorCodec.Decoded receiveFrom(int i, byte kind, long iteration)
      throws IOException, InterruptedException {
    Link link = context.peer(i);
    byte[] frame = link.receive(context.receiveTimeoutMillis(), TimeUnit.MILLISECONDS);
    if (frame == null) {
      throw new IOException(algorithm() + " partition " + k + ": no update from partition " + i + " (" + link.remoteId()
          + ") for iteration " + iteration + " within " + context.receiveTimeoutMillis() + " ms");
    }
    ByteBuffer b = ByteBuffer.wrap(frame);
    try {
      byte got = b.get();
      int it = VectorCodec.getVarint(b);
      if (got != kind || it != iteration) {
        throw new IOException(algorithm() + " partition " + k + ": expected frame '" + (char) kind + "' of iteration "
            + iteration + " from partition " + i + ", got '" + (char) got + "' of iteration " + it
            + " (partitions out of step or running different protocols)");
      }
      // A vector longer than the model is refused before anything is allocated for it.
      VectorCodec.Decoded d = VectorCodec.decode(b, w.length);
      if (d.length() != w.length) {
        throw new IOException(algorithm() + " partition " + k + ": partition " + i + " sent a vector of length "
            + d.length() + ", this model has " + w.length + " parameters");
      }
      return d;
    } catch (IllegalArgumentException | BufferUnderflowException e) {
      throw new IOException(algorithm() + " partition " + k + ": malformed frame from partition " + i + ": "
          + e.getMessage(), e);
    }
  }

  /** Adds {@code scale * v} to {@code dst}, for a decoded dense or sparse vector. */
  protected static void addTo(float[] dst, VectorCodec.Decoded v, double scale) {
    float[] values = v.values();
    int[] idx = v.indices();
    if (idx == null) {
      for (int j = 0; j < values.length; j++) {
        dst[j] += (float) (scale * values[j]);
      }
    } else {
      for (int n = 0; n < idx.length; n++) {
        dst[idx[n]] += (float) (scale * values[n]);
      }
    }
  }

  /** The effective gradient {@code grad + wd * w}, in a new array. */
  protected final float[] regularised(float[] gradient, float[] params) {
    float[] g = gradient.clone();
    double wd = sgd.weightDecay();
    if (wd != 0) {
      for (int j = 0; j < g.length; j++) {
        g[j] += (float) (wd * params[j]);
      }
    }
    return g;
  }

  @Override
  public long bytesSent() {
    long sum = 0;
    for (int i = 0; i < numPartitions; i++) {
      if (i != k) {
        Link l = context.peer(i);
        sum += l.meter().bytes(l.channel());
      }
    }
    return sum;
  }

  @Override
  public long messagesSent() {
    long sum = 0;
    for (int i = 0; i < numPartitions; i++) {
      if (i != k) {
        Link l = context.peer(i);
        sum += l.meter().messages(l.channel());
      }
    }
    return sum;
  }

  @Override
  public Map<String, Double> diagnostics() {
    return Map.copyOf(diagnostics);
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (int i = 0; i < numPartitions; i++) {
      if (i != k) {
        try {
          context.peer(i).close();
        } catch (IOException e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return algorithm() + "[partition " + k + "/" + numPartitions + ", " + w.length + " parameters, "
        + Arrays.toString(new double[] {sgd.momentum(), sgd.weightDecay()}) + "]";
  }
}
