package io.tributary.common.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Rating triples (user, item, rating) in compact parallel arrays, with users and items remapped to
 * dense indices {@code 0..numUsers-1} / {@code 0..numItems-1} in order of first appearance. The
 * original identifiers are kept for output ({@link #userId}, {@link #itemId}). This is the input of
 * matrix factorisation (Gaia's MF over Netflix/MovieLens-style data).
 *
 * <p>Immutable; {@link #subset} copies the selected triples and shares the id maps.
 */
public final class Ratings {
  private final String name;
  private final int[] users;
  private final int[] items;
  private final float[] values;
  private final List<String> userIds;
  private final List<String> itemIds;
  private volatile Map<String, Integer> userIndex;
  private volatile Map<String, Integer> itemIndex;

  private Ratings(String name, int[] users, int[] items, float[] values, List<String> userIds, List<String> itemIds) {
    this.name = name;
    this.users = users;
    this.items = items;
    this.values = values;
    this.userIds = userIds;
    this.itemIds = itemIds;
  }

  /**
   * Ratings from dense indices. {@code userIds}/{@code itemIds} name each index (their sizes are
   * the user and item counts); every index must be in range.
   */
  public static Ratings of(String name, int[] users, int[] items, float[] values, List<String> userIds,
      List<String> itemIds) {
    if (users.length != items.length || users.length != values.length) {
      throw new IllegalArgumentException(name + ": " + users.length + " users, " + items.length + " items and "
          + values.length + " values: the three arrays must have one entry per rating");
    }
    for (int i = 0; i < users.length; i++) {
      if (users[i] < 0 || users[i] >= userIds.size() || items[i] < 0 || items[i] >= itemIds.size()) {
        throw new IllegalArgumentException(name + ": rating " + i + " has user " + users[i] + " / item " + items[i]
            + " outside [0, " + userIds.size() + ") x [0, " + itemIds.size() + ")");
      }
    }
    return new Ratings(name, users.clone(), items.clone(), values.clone(), List.copyOf(userIds),
        List.copyOf(itemIds));
  }

  /** Ratings whose identifiers are the decimal indices themselves. */
  public static Ratings of(String name, int[] users, int[] items, float[] values, int numUsers, int numItems) {
    return of(name, users, items, values, decimalIds(numUsers), decimalIds(numItems));
  }

  /** Package-private: adopts arrays without copying (readers build them fresh). */
  static Ratings adopt(String name, int[] users, int[] items, float[] values, List<String> userIds,
      List<String> itemIds) {
    return new Ratings(name, users, items, values, List.copyOf(userIds), List.copyOf(itemIds));
  }

  private static List<String> decimalIds(int n) {
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(Integer.toString(i));
    }
    return ids;
  }

  /** The dataset name (file it came from). */
  public String name() {
    return name;
  }

  /** Number of ratings. */
  public int size() {
    return users.length;
  }

  /** Number of distinct users. */
  public int numUsers() {
    return userIds.size();
  }

  /** Number of distinct items. */
  public int numItems() {
    return itemIds.size();
  }

  /** Dense user index of rating {@code i}. */
  public int user(int i) {
    return users[i];
  }

  /** Dense item index of rating {@code i}. */
  public int item(int i) {
    return items[i];
  }

  /** Value of rating {@code i}. */
  public float value(int i) {
    return values[i];
  }

  /** A copy of all user indices, one per rating. */
  public int[] users() {
    return users.clone();
  }

  /** A copy of all item indices, one per rating. */
  public int[] items() {
    return items.clone();
  }

  /** A copy of all rating values. */
  public float[] values() {
    return values.clone();
  }

  /** The original identifier of user index {@code u}. */
  public String userId(int u) {
    return userIds.get(u);
  }

  /** The original identifier of item index {@code v}. */
  public String itemId(int v) {
    return itemIds.get(v);
  }

  /** The dense index of an original user identifier, if it occurs. */
  public OptionalInt userIndex(String id) {
    if (userIndex == null) {
      userIndex = indexOf(userIds);
    }
    Integer i = userIndex.get(id);
    return i == null ? OptionalInt.empty() : OptionalInt.of(i);
  }

  /** The dense index of an original item identifier, if it occurs. */
  public OptionalInt itemIndex(String id) {
    if (itemIndex == null) {
      itemIndex = indexOf(itemIds);
    }
    Integer i = itemIndex.get(id);
    return i == null ? OptionalInt.empty() : OptionalInt.of(i);
  }

  private static Map<String, Integer> indexOf(List<String> ids) {
    Map<String, Integer> m = new HashMap<>(ids.size() * 2);
    for (int i = 0; i < ids.size(); i++) {
      m.put(ids.get(i), i);
    }
    return m;
  }

  /** Mean rating value (0 when empty). */
  public double meanValue() {
    double s = 0;
    for (float v : values) {
      s += v;
    }
    return values.length == 0 ? 0 : s / values.length;
  }

  /** Ratings per user index. */
  public int[] countsPerUser() {
    int[] c = new int[numUsers()];
    for (int u : users) {
      c[u]++;
    }
    return c;
  }

  /** Ratings per item index. */
  public int[] countsPerItem() {
    int[] c = new int[numItems()];
    for (int v : items) {
      c[v]++;
    }
    return c;
  }

  /**
   * The ratings at {@code positions}, in that order. User and item indices (and so the id maps)
   * are unchanged, so models trained on subsets line up.
   */
  public Ratings subset(int[] positions) {
    int[] u = new int[positions.length];
    int[] v = new int[positions.length];
    float[] r = new float[positions.length];
    for (int i = 0; i < positions.length; i++) {
      u[i] = users[positions[i]];
      v[i] = items[positions[i]];
      r[i] = values[positions[i]];
    }
    return new Ratings(name, u, v, r, userIds, itemIds);
  }

  @Override
  public String toString() {
    return name + "[" + size() + " ratings, " + numUsers() + " users x " + numItems() + " items]";
  }
}
