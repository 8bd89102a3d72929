package io.tributary.gaia.mf;

import io.tributary.common.data.Ratings;
import io.tributary.common.data.RatingsReader;
import io.tributary.gaia.app.Placement;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A ratings file read in the driver for MF, and its split onto one data centre's workers. Item ids
 * must be integers, so that every data centre indexes items alike; users are placed by their id
 * (a number, else the hash of its text) as {@link Placement} places any record.
 */
final class MfRatingsFile {
  private final String path;
  private final Ratings ratings;
  private final int[] itemOf; // dense index of the reader -> integer item id
  private final int numItems;

  private MfRatingsFile(String path, Ratings ratings, int[] itemOf, int numItems) {
    this.path = path;
    this.ratings = ratings;
    this.itemOf = itemOf;
    this.numItems = numItems;
  }

  /**
   * Reads the rating triples in {@code path} with {@link RatingsReader}; {@code numItems} must
   * exceed every item id (0: one more than the largest).
   *
   * @throws IllegalArgumentException naming the file if it holds no ratings, an item id that is
   *     not a non-negative integer, or one not below {@code numItems}
   */
  static MfRatingsFile read(String path, int numItems) throws IOException {
    Ratings r = RatingsReader.readFile(Path.of(path));
    if (r.size() == 0) {
      throw new IllegalArgumentException("ratings file " + path + " holds no ratings");
    }
    int[] itemOf = new int[r.numItems()];
    int max = -1;
    for (int v = 0; v < itemOf.length; v++) {
      try {
        itemOf[v] = Integer.parseInt(r.itemId(v));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("ratings file " + path + ": item id '" + r.itemId(v) + "' is not an integer;"
            + " Gaia needs integer item ids so every data centre indexes items alike", e);
      }
      if (itemOf[v] < 0) {
        throw new IllegalArgumentException("ratings file " + path + ": negative item id " + itemOf[v]);
      }
      max = Math.max(max, itemOf[v]);
    }
    if (numItems > 0 && max >= numItems) {
      throw new IllegalArgumentException("ratings file " + path + ": item id " + max + " is not below the item count "
          + numItems);
    }
    return new MfRatingsFile(path, r, itemOf, numItems > 0 ? numItems : max + 1);
  }

  /** The file's path as given. */
  String path() {
    return path;
  }

  /** Items the model has: the count asked for, or one more than the largest item id. */
  int numItems() {
    return numItems;
  }

  /** Splits the ratings of data centre {@code dc}'s users onto its {@code workers} workers. */
  List<MfWorker> split(int dc, int dcCount, int workers, MfWorkerFactory factory) {
    Ratings r = ratings;
    List<List<Integer>> parts = new ArrayList<>();
    for (int p = 0; p < workers; p++) {
      parts.add(new ArrayList<>());
    }
    long[] keys = new long[r.numUsers()];
    for (int u = 0; u < keys.length; u++) {
      String id = r.userId(u);
      long k;
      try {
        k = Long.parseLong(id);
      } catch (NumberFormatException e) {
        k = id.hashCode() & 0xffffffffL;
      }
      keys[u] = k;
    }
    for (int i = 0; i < r.size(); i++) {
      long k = keys[r.user(i)];
      if (Placement.dataCentreOf(k, dcCount) == dc) {
        parts.get(Placement.workerOf(k, dcCount, workers)).add(i);
      }
    }
    List<MfWorker> out = new ArrayList<>();
    for (int p = 0; p < workers; p++) {
      List<Integer> rows = parts.get(p);
      Map<Integer, Integer> local = new HashMap<>();
      List<Long> ids = new ArrayList<>();
      int n = rows.size();
      int[] user = new int[n];
      int[] item = new int[n];
      float[] rating = new float[n];
      for (int k = 0; k < n; k++) {
        int i = rows.get(k);
        int u = r.user(i);
        user[k] = local.computeIfAbsent(u, x -> {
          ids.add(keys[x]);
          return ids.size() - 1;
        });
        item[k] = itemOf[r.item(i)];
        rating[k] = r.value(i);
      }
      long[] userIds = ids.stream().mapToLong(Long::longValue).toArray();
      out.add(factory.build(dc, p, userIds, user, item, rating, numItems));
    }
    return out;
  }
}
