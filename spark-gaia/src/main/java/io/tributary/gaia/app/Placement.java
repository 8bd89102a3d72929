package io.tributary.gaia.app;

/**
 * Where a data item (a user's ratings, a document, an image) lives: its data centre and its worker
 * there, by a hash of its id, so every data centre of a deployment computes the same split without
 * talking, and the split is the same whatever reads the data (file or generator).
 */
public final class Placement {
  private Placement() {}

  /** The data centre of item {@code id}. */
  public static int dataCentreOf(long id, int dcCount) {
    return (int) Math.floorMod(mix(id), (long) dcCount);
  }

  /** The worker of item {@code id} inside its data centre. */
  public static int workerOf(long id, int dcCount, int workers) {
    return (int) Math.floorMod(mix(id) / dcCount, (long) workers);
  }

  /** A 64-bit finaliser (MurmurHash3's), non-negative. */
  public static long mix(long x) {
    x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
    x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return (x ^ (x >>> 33)) & Long.MAX_VALUE;
  }
}
