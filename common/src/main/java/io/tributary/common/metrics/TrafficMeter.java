package io.tributary.common.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts bytes and messages that cross links, per channel (for example {@code "dc0->dc1"} or
 * {@code "partition-3/send"}). Every link and every protocol reports here, so a run's
 * communication cost is measured rather than estimated. Thread-safe and cheap on the hot path.
 */
public final class TrafficMeter {
  private final ConcurrentHashMap<String, Counter> channels = new ConcurrentHashMap<>();

  /** Records one message of {@code bytes} bytes on {@code channel}. */
  public void record(String channel, long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative byte count " + bytes + " on " + channel);
    }
    Counter c = channels.computeIfAbsent(channel, k -> new Counter());
    c.bytes.add(bytes);
    c.messages.increment();
  }

  /** Bytes recorded on one channel (0 if never used). */
  public long bytes(String channel) {
    Counter c = channels.get(channel);
    return c == null ? 0 : c.bytes.sum();
  }

  /** Messages recorded on one channel (0 if never used). */
  public long messages(String channel) {
    Counter c = channels.get(channel);
    return c == null ? 0 : c.messages.sum();
  }

  /** Bytes over all channels. */
  public long totalBytes() {
    return channels.values().stream().mapToLong(c -> c.bytes.sum()).sum();
  }

  /** Messages over all channels. */
  public long totalMessages() {
    return channels.values().stream().mapToLong(c -> c.messages.sum()).sum();
  }

  /** Bytes over the channels whose name starts with {@code prefix}. */
  public long bytesWithPrefix(String prefix) {
    long sum = 0;
    for (Map.Entry<String, Counter> e : channels.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        sum += e.getValue().bytes.sum();
      }
    }
    return sum;
  }

  /** A sorted snapshot: channel to {bytes, messages}. */
  public Map<String, long[]> snapshot() {
    Map<String, long[]> out = new TreeMap<>();
    channels.forEach((k, c) -> out.put(k, new long[] {c.bytes.sum(), c.messages.sum()}));
    return out;
  }

  /** Adds every channel of {@code other} into this meter. */
  public void addAll(TrafficMeter other) {
    other.channels.forEach((k, c) -> {
      Counter mine = channels.computeIfAbsent(k, x -> new Counter());
      mine.bytes.add(c.bytes.sum());
      mine.messages.add(c.messages.sum());
    });
  }

  /** Forgets everything recorded so far. */
  public void reset() {
    channels.clear();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("TrafficMeter{");
    snapshot().forEach((k, v) -> sb.append(k).append('=').append(v[0]).append("B/").append(v[1]).append("msg "));
    return sb.append('}').toString();
  }

  private static final class Counter {
    final LongAdder bytes = new LongAdder();
    final LongAdder messages = new LongAdder();
  }
}
