package io.tributary.common.scout;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How travelling models get from their partition to the partitions that evaluate them (thesis
 * §6.6.2, "Model Traveling Overhead"). Nodes are the partitions {@code 0..N-1}, plus node
 * {@code N}, the server, in the server-client setting.
 *
 * <ul>
 *   <li>{@link #direct()}: straight from source to destination (a full mesh).</li>
 *   <li>{@link #hubs(int[])} (broadcast settings such as geo-distributed learning): partitions are
 *       grouped, the lowest partition of each group is its hub (Gaia's overlay, §5.3.5). A model
 *       goes source, its hub, the destination's hub, destination (consecutive repeats dropped),
 *       and hubs combine: a model crosses each link at most once per round however many
 *       destinations lie behind it.</li>
 *   <li>{@link #serverClient()} (federated learning): every model goes through the server, which
 *       receives each source's model once per round and sends it on with its downloads to the
 *       clients that evaluate it.</li>
 * </ul>
 */
public interface TravelOverlay extends Serializable {

  /** One hop of a round's routing: {@code from} sends {@code source}'s model to {@code to}. */
  record Hop(int from, int to, int source) implements Serializable {}

  /**
   * The hops that carry {@code trips} among {@code partitions} partitions, each (link, model)
   * once, in an order where every node has received a model before it forwards it.
   */
  List<Hop> route(List<TravelSchedule.Trip> trips, int partitions);

  /** Nodes the overlay needs: N, or N + 1 with a server. */
  int nodes(int partitions);

  /** The text form, which {@link #parse} reads back. */
  String spec();

  static TravelOverlay direct() {
    return new Direct();
  }

  /** Hubs over groups: {@code groupOf[k]} is partition k's group id. */
  static TravelOverlay hubs(int[] groupOf) {
    return new Hubs(groupOf);
  }

  /** {@code groups} groups of consecutive partitions, as even as possible, over N partitions. */
  static TravelOverlay hubs(int groups, int partitions) {
    if (groups < 1 || groups > partitions) {
      throw new IllegalArgumentException("need 1 to " + partitions + " hub groups, got " + groups);
    }
    int[] g = new int[partitions];
    for (int k = 0; k < partitions; k++) {
      g[k] = (int) ((long) k * groups / partitions);
    }
    return new Hubs(g);
  }

  static TravelOverlay serverClient() {
    return new ServerClient();
  }

  /**
   * Parses {@code direct}, {@code server}, {@code hubs:<groups>} (consecutive partitions) or
   * {@code hubs:0,0,1,1,2} (a group id per partition), for {@code partitions} partitions.
   */
  static TravelOverlay parse(String text, int partitions) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "direct", "mesh" -> {
        return direct();
      }
      case "server", "server-client" -> {
        return serverClient();
      }
      default -> {
      }
    }
    if (t.startsWith("hubs:")) {
      String arg = t.substring(5).trim();
      try {
        if (arg.contains(",")) {
          int[] g = Arrays.stream(arg.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
          if (g.length != partitions) {
            throw new IllegalArgumentException("overlay '" + text + "' gives " + g.length + " group ids for "
                + partitions + " partitions");
          }
          return hubs(g);
        }
        return hubs(Integer.parseInt(arg), partitions);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad overlay '" + text + "' (expected hubs:<groups> or hubs:<id,id,...>)", e);
      }
    }
    throw new IllegalArgumentException("unknown overlay '" + text + "' (expected direct, server, hubs:<groups>)");
  }

  /** See {@link TravelOverlay#direct()}. */
  record Direct() implements TravelOverlay {
    @Override
    public List<Hop> route(List<TravelSchedule.Trip> trips, int partitions) {
      Set<Hop> hops = new LinkedHashSet<>();
      for (TravelSchedule.Trip t : trips) {
        hops.add(new Hop(t.source(), t.destination(), t.source()));
      }
      return List.copyOf(hops);
    }

    @Override
    public int nodes(int partitions) {
      return partitions;
    }

    @Override
    public String spec() {
      return "direct";
    }
  }

  /** See {@link TravelOverlay#hubs(int[])}. */
  record Hubs(int[] groupOf) implements TravelOverlay {
    public Hubs {
      groupOf = groupOf.clone();
    }

    @Override
    public int[] groupOf() {
      return groupOf.clone();
    }

    /** The hub of partition {@code k}'s group: the group's lowest partition. */
    public int hub(int k) {
      for (int i = 0; i < groupOf.length; i++) {
        if (groupOf[i] == groupOf[k]) {
          return i;
        }
      }
      throw new IllegalStateException();
    }

    @Override
    public List<Hop> route(List<TravelSchedule.Trip> trips, int partitions) {
      if (groupOf.length != partitions) {
        throw new IllegalArgumentException("hub overlay for " + groupOf.length + " partitions used with " + partitions);
      }
      // Paths grouped by source; the set drops a hop another destination already needed.
      Map<Integer, Set<Hop>> bySource = new LinkedHashMap<>();
      for (TravelSchedule.Trip t : trips) {
        int[] path = {t.source(), hub(t.source()), hub(t.destination()), t.destination()};
        Set<Hop> hops = bySource.computeIfAbsent(t.source(), s -> new LinkedHashSet<>());
        for (int i = 0; i + 1 < path.length; i++) {
          if (path[i] != path[i + 1]) {
            hops.add(new Hop(path[i], path[i + 1], t.source()));
          }
        }
      }
      List<Hop> out = new ArrayList<>();
      bySource.values().forEach(out::addAll);
      return out;
    }

    @Override
    public int nodes(int partitions) {
      return partitions;
    }

    @Override
    public String spec() {
      StringBuilder sb = new StringBuilder("hubs:");
      for (int i = 0; i < groupOf.length; i++) {
        sb.append(i == 0 ? "" : ",").append(groupOf[i]);
      }
      return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Hubs h && Arrays.equals(h.groupOf, groupOf);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(groupOf);
    }

    @Override
    public String toString() {
      return spec();
    }
  }

  /** See {@link TravelOverlay#serverClient()}. */
  record ServerClient() implements TravelOverlay {
    @Override
    public List<Hop> route(List<TravelSchedule.Trip> trips, int partitions) {
      int server = partitions;
      Map<Integer, Set<Hop>> bySource = new LinkedHashMap<>();
      for (TravelSchedule.Trip t : trips) {
        Set<Hop> hops = bySource.computeIfAbsent(t.source(), s -> new LinkedHashSet<>());
        hops.add(new Hop(t.source(), server, t.source()));
        hops.add(new Hop(server, t.destination(), t.source()));
      }
      List<Hop> out = new ArrayList<>();
      bySource.values().forEach(out::addAll);
      return out;
    }

    @Override
    public int nodes(int partitions) {
      return partitions + 1;
    }

    @Override
    public String spec() {
      return "server";
    }
  }
}
