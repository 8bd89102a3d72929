package io.tributary.common.report;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line for long work ("[study] 12/40 runs, 3m10s elapsed, ~7m left"), printed to
 * stderr at most every {@code minIntervalMillis} so logs stay readable on CI.
 */
public final class Progress {
  private final String label;
  private final long total;
  private final long startNanos = System.nanoTime();
  private final long minIntervalNanos;
  private final PrintStream out;
  private long lastPrintNanos;
  private long done;

  public Progress(String label, long total) {
    this(label, total, 5_000, System.err);
  }

  public Progress(String label, long total, long minIntervalMillis, PrintStream out) {
    this.label = label;
    this.total = total;
    this.minIntervalNanos = minIntervalMillis * 1_000_000L;
    this.out = out;
  }

  /** Marks {@code n} more units done and prints if the interval passed (or when finished). */
  public synchronized void step(long n, String detail) {
    done += n;
    long now = System.nanoTime();
    if (done >= total || now - lastPrintNanos >= minIntervalNanos) {
      lastPrintNanos = now;
      out.println(line(detail));
    }
  }

  public void step(String detail) {
    step(1, detail);
  }

  /** The current line, without printing. */
  public synchronized String line(String detail) {
    double elapsed = (System.nanoTime() - startNanos) / 1e9;
    String eta = "";
    if (done > 0 && total > done) {
      eta = ", ~" + duration(elapsed / done * (total - done)) + " left";
    }
    return String.format(Locale.ROOT, "[%s] %d/%d, %s elapsed%s%s", label, done, total, duration(elapsed),
        eta, detail == null || detail.isEmpty() ? "" : " | " + detail);
  }

  /** Formats seconds as {@code 1h02m}, {@code 3m10s} or {@code 4.2s}. */
  public static String duration(double seconds) {
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1fs", seconds);
    }
    long s = Math.round(seconds);
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
