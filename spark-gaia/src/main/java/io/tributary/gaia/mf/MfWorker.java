package io.tributary.gaia.mf;

import java.io.Serializable;

/**
 * One MF worker's local state (thesis §5.4.2): its share of the rating triples and the factors
 * {@code L} of its users, which never leave the worker. Users are numbered locally
 * {@code 0..users-1}; {@code userIds} maps them back.
 *
 * <p>Immutable as far as Spark can see: {@link MatrixFactorization#step} returns a new worker with
 * new factors and shares the rating arrays, so a recomputed partition never applies a clock twice.
 */
public final class MfWorker implements Serializable {
  private static final long serialVersionUID = 1L;

  final int partition;
  final long[] userIds;
  final int[] user;     // local user index per rating
  final int[] item;     // global item index per rating
  final float[] rating;
  final int[] userCount;  // ratings per local user
  final int[] itemIds;    // distinct items rated here, increasing
  final int[] itemCount;  // ratings per entry of itemIds
  final float[] factors;  // L, users x rank

  MfWorker(int partition, long[] userIds, int[] user, int[] item, float[] rating, float[] factors, int numItems) {
    this.partition = partition;
    this.userIds = userIds;
    this.user = user;
    this.item = item;
    this.rating = rating;
    this.factors = factors;
    this.userCount = new int[userIds.length];
    int[] perItem = new int[numItems];
    for (int k = 0; k < user.length; k++) {
      userCount[user[k]]++;
      perItem[item[k]]++;
    }
    int distinct = 0;
    for (int c : perItem) {
      if (c > 0) {
        distinct++;
      }
    }
    this.itemIds = new int[distinct];
    this.itemCount = new int[distinct];
    int j = 0;
    for (int i = 0; i < numItems; i++) {
      if (perItem[i] > 0) {
        itemIds[j] = i;
        itemCount[j++] = perItem[i];
      }
    }
  }

  private MfWorker(MfWorker base, float[] factors) {
    this.partition = base.partition;
    this.userIds = base.userIds;
    this.user = base.user;
    this.item = base.item;
    this.rating = base.rating;
    this.userCount = base.userCount;
    this.itemIds = base.itemIds;
    this.itemCount = base.itemCount;
    this.factors = factors;
  }

  MfWorker withFactors(float[] newFactors) {
    return new MfWorker(this, newFactors);
  }

  /** Number of rating triples on this worker. */
  public int ratings() {
    return rating.length;
  }

  /** Number of users on this worker. */
  public int users() {
    return userIds.length;
  }

  /** The partition this worker is. */
  public int partition() {
    return partition;
  }

  /** A copy of the users' factors {@code L} (users x rank). */
  public float[] userFactors() {
    return factors.clone();
  }

  /** Global user ids, in local order. */
  public long[] userIds() {
    return userIds.clone();
  }
}
