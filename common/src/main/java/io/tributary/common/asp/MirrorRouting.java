package io.tributary.common.asp;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where a data centre's mirror traffic goes (thesis §5.3.2, §5.3.5): which peers it holds links
 * to, and, for every message, the next hops from here. {@link AspNode} asks it for the hops of what
 * it originates (significant updates, MIRROR CLOCK, FINISHED) and of what arrives from a peer, so
 * the same node code broadcasts directly ({@link #fullMesh}) or through hub data centres
 * ({@link HubOverlay}).
 *
 * <p>A hop is either immediate (the message is forwarded as it is) or <em>aggregating</em>: updates
 * for that peer are summed into one accumulator and sent once per clock of this data centre (and
 * before any FINISHED that follows them on the same path), which is how a hub combines its group's
 * updates before they cross an expensive link. Control messages (clocks) cross aggregating hops
 * at once.
 *
 * <p>Implementations must route so that a message originated anywhere reaches every other member
 * exactly once, and over a path whose hops keep their order (each link is FIFO), so that an
 * origin's FINISHED arrives after all of its updates.
 */
public interface MirrorRouting extends Serializable {

  /** A next hop: a peer, and whether updates to it are aggregated first. */
  record Hop(String peer, boolean aggregate) implements Serializable {}

  /** Every data centre of the deployment, this one included. */
  List<String> members();

  /** The peers {@code self} holds links to (and receives from). */
  List<String> neighbours(String self);

  /**
   * Where {@code self} sends a message that {@code origin} originated and that arrived from
   * {@code from}; {@code origin == from == self} for what {@code self} originates.
   */
  List<Hop> next(String self, String origin, String from);

  /** Every data centre sends to every other one directly (Gaia without an overlay). */
  static MirrorRouting fullMesh(Collection<String> members) {
    return new FullMesh(List.copyOf(members));
  }

  /** The direct broadcast: no relaying, every link used. */
  record FullMesh(List<String> members) implements MirrorRouting {
    public FullMesh {
      if (members.size() != members.stream().distinct().count()) {
        throw new IllegalArgumentException("data centres listed twice: " + members);
      }
      members = List.copyOf(members);
    }

    @Override
    public List<String> neighbours(String self) {
      List<String> out = new ArrayList<>(members);
      if (!out.remove(self)) {
        throw new IllegalArgumentException("'" + self + "' is not one of " + members);
      }
      return out;
    }

    @Override
    public List<Hop> next(String self, String origin, String from) {
      if (!origin.equals(self)) {
        return List.of();
      }
      return neighbours(self).stream().map(p -> new Hop(p, false)).toList();
    }

    @Override
    public String toString() {
      return "full mesh of " + members.size();
    }
  }
}
