package io.tributary.common.asp;

import io.tributary.common.wan.DataCenter;
import io.tributary.common.wan.WanTopology;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gaia's overlay network with hubs (thesis §5.3.5). Data centres form groups of geographically
 * close ones. Inside a group every data centre sends its significant updates to the others
 * directly. For every other group {@code B}, one member of group {@code A}, the hub
 * {@code H(A->B)}, sums the updates of all of {@code A}'s members (its own included) over a clock
 * and sends the sum to {@code H(B->A)}, B's hub for A, which applies it and broadcasts it to the
 * rest of {@code B}. A group may use a different hub per destination group, so more of its
 * links carry traffic (e.g. Virginia towards Europe, Oregon towards Asia).
 *
 * <p>Routing at data centre {@code s} in group {@code A} of a message originated at {@code o},
 * received from {@code f}:
 * <ul>
 *   <li>{@code o == s}: to every other member of {@code A} (immediate), and to {@code H(B->A)}
 *       for every group {@code B} whose hub {@code s} is (aggregated);</li>
 *   <li>{@code o} in {@code A}: to {@code H(B->A)} for every {@code B} with {@code s = H(A->B)}
 *       (aggregated);</li>
 *   <li>{@code o} and {@code f} in another group (so {@code f} is that group's hub for {@code A}):
 *       to every other member of {@code A} (immediate);</li>
 *   <li>otherwise (a hub's broadcast inside {@code A}): nowhere.</li>
 * </ul>
 * Every update thus reaches every other data centre exactly once, as part of at most one
 * aggregate, over at most three hops, and only hub pairs exchange traffic between groups.
 * Without aggregation the byte count equals the full broadcast's; the hubs' sums (overlapping
 * parameters of a group counted once, fewer messages) and the choice of cheaper links make the
 * difference.
 *
 * <p>Hubs not given explicitly are chosen per pair of groups: the member of {@code A} with the
 * highest mean bandwidth to {@code B}'s members (earliest listed on ties).
 */
public final class HubOverlay implements MirrorRouting {
  private static final long serialVersionUID = 1L;

  private final Map<String, List<String>> groups;
  private final Map<String, Map<String, String>> hubs;
  private final Map<String, String> groupOf;
  private final List<String> members;

  /**
   * An overlay over explicit groups and hubs.
   *
   * @param groups group name to its data centres (each data centre in exactly one group)
   * @param hubs group to destination group to the hub, for every ordered pair of distinct groups
   */
  public HubOverlay(Map<String, List<String>> groups, Map<String, Map<String, String>> hubs) {
    Map<String, List<String>> g = new LinkedHashMap<>();
    Map<String, String> of = new HashMap<>();
    List<String> all = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : groups.entrySet()) {
      if (e.getValue().isEmpty()) {
        throw new IllegalArgumentException("group " + e.getKey() + " has no data centres");
      }
      for (String dc : e.getValue()) {
        if (of.put(dc, e.getKey()) != null) {
          throw new IllegalArgumentException("data centre " + dc + " is in groups " + of.get(dc) + " and " + e.getKey());
        }
        all.add(dc);
      }
      g.put(e.getKey(), List.copyOf(e.getValue()));
    }
    Map<String, Map<String, String>> h = new LinkedHashMap<>();
    for (String a : g.keySet()) {
      Map<String, String> row = new LinkedHashMap<>();
      for (String b : g.keySet()) {
        if (a.equals(b)) {
          continue;
        }
        String hub = hubs.getOrDefault(a, Map.of()).get(b);
        if (hub == null) {
          throw new IllegalArgumentException("group " + a + " has no hub for group " + b);
        }
        if (!g.get(a).contains(hub)) {
          throw new IllegalArgumentException("hub " + hub + " of group " + a + " (towards " + b + ") is not one of its"
              + " data centres " + g.get(a));
        }
        row.put(b, hub);
      }
      h.put(a, Collections.unmodifiableMap(row));
    }
    this.groups = Collections.unmodifiableMap(g);
    this.hubs = Collections.unmodifiableMap(h);
    this.groupOf = Map.copyOf(of);
    this.members = List.copyOf(all);
  }

  /**
   * The overlay of a topology: its groups ({@code dc NAME REGION GROUP}), the hubs its
   * {@code hub} lines declare, and for every other pair of groups the member with the highest mean
   * bandwidth to the destination group.
   */
  public static HubOverlay of(WanTopology topology) {
    Map<String, List<String>> groups = groupsOf(topology);
    Map<String, Map<String, String>> hubs = new LinkedHashMap<>();
    for (String a : groups.keySet()) {
      Map<String, String> row = new LinkedHashMap<>();
      for (String b : groups.keySet()) {
        if (a.equals(b)) {
          continue;
        }
        String declared = topology.hubs().getOrDefault(a, Map.of()).get(b);
        row.put(b, declared != null ? declared : bestConnected(topology, groups.get(a), groups.get(b)));
      }
      hubs.put(a, row);
    }
    return new HubOverlay(groups, hubs);
  }

  /**
   * A topology's data centre names per group ({@code dc NAME REGION GROUP}), groups in order of
   * first appearance.
   */
  public static Map<String, List<String>> groupsOf(WanTopology topology) {
    Map<String, List<String>> g = new LinkedHashMap<>();
    for (DataCenter dc : topology.dataCenters()) {
      g.computeIfAbsent(dc.group(), k -> new ArrayList<>()).add(dc.name());
    }
    g.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(g);
  }

  private static String bestConnected(WanTopology t, List<String> from, List<String> to) {
    String best = null;
    double bestMbps = -1;
    for (String a : from) {
      double sum = 0;
      for (String b : to) {
        sum += t.bandwidthMbps(t.indexOf(a), t.indexOf(b));
      }
      double mean = sum / to.size();
      if (mean > bestMbps) {
        bestMbps = mean;
        best = a;
      }
    }
    return best;
  }

  /** Groups in order, each with its data centres. */
  public Map<String, List<String>> groups() {
    return groups;
  }

  /** Group to destination group to hub. */
  public Map<String, Map<String, String>> hubs() {
    return hubs;
  }

  /** The group of a data centre. */
  public String groupOf(String dc) {
    String g = groupOf.get(dc);
    if (g == null) {
      throw new IllegalArgumentException("'" + dc + "' is in no group of this overlay " + groups.keySet());
    }
    return g;
  }

  /** {@code H(group -> to)}. */
  public String hub(String group, String to) {
    return hubs.get(group).get(to);
  }

  @Override
  public List<String> members() {
    return members;
  }

  @Override
  public List<String> neighbours(String self) {
    String a = groupOf(self);
    Set<String> out = new LinkedHashSet<>();
    for (String dc : groups.get(a)) {
      if (!dc.equals(self)) {
        out.add(dc);
      }
    }
    for (Map.Entry<String, String> e : hubs.get(a).entrySet()) {
      if (e.getValue().equals(self)) {
        out.add(hub(e.getKey(), a));
      }
    }
    return List.copyOf(out);
  }

  @Override
  public List<Hop> next(String self, String origin, String from) {
    String a = groupOf(self);
    List<Hop> out = new ArrayList<>();
    boolean fromOwnGroup = groupOf(origin).equals(a);
    if (fromOwnGroup) {
      if (origin.equals(self)) {
        for (String dc : groups.get(a)) {
          if (!dc.equals(self)) {
            out.add(new Hop(dc, false));
          }
        }
      }
      for (Map.Entry<String, String> e : hubs.get(a).entrySet()) {
        if (e.getValue().equals(self)) {
          out.add(new Hop(hub(e.getKey(), a), true));
        }
      }
    } else if (!groupOf(from).equals(a)) {
      for (String dc : groups.get(a)) {
        if (!dc.equals(self)) {
          out.add(new Hop(dc, false));
        }
      }
    }
    return out;
  }

  /** One line per group and hub, for logs and configuration records. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, List<String>> e : groups.entrySet()) {
      sb.append(String.format(Locale.ROOT, "group %s: %s%n", e.getKey(), String.join(", ", e.getValue())));
      for (Map.Entry<String, String> h : hubs.get(e.getKey()).entrySet()) {
        sb.append(String.format(Locale.ROOT, "  hub to %s: %s (<-> %s)%n", h.getKey(), h.getValue(),
            hub(h.getKey(), e.getKey())));
      }
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HubOverlay h && groups.equals(h.groups) && hubs.equals(h.hubs);
  }

  @Override
  public int hashCode() {
    return groups.hashCode() * 31 + hubs.hashCode();
  }

  @Override
  public String toString() {
    return "hub overlay of " + members.size() + " data centres in " + groups.size() + " groups";
  }
}
