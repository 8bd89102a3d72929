package io.tributary.gaia.deploy;

import io.tributary.common.link.LinkShape;
import io.tributary.common.wan.WanTopology;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How Gaia's commands pick a WAN from {@link WanTopology}. */
public final class GaiaWans {
  private GaiaWans() {}

  /**
   * The first {@code n} data centres of a built-in topology ({@code vc}, {@code ss},
   * {@code ec2-11}; the thesis's {@code v/c} and {@code s/s} spellings too) or of a topology file,
   * with every bandwidth multiplied by {@code bandwidthScale} (latencies kept).
   */
  public static WanTopology resolve(String spec, int n, double bandwidthScale) throws IOException {
    String s = spec.strip().toLowerCase(Locale.ROOT);
    String name = switch (s) {
      case "v/c" -> "vc";
      case "s/s" -> "ss";
      case "ec2", "ec2-all" -> "ec2-11";
      default -> spec.strip();
    };
    WanTopology t = WanTopology.resolve(name);
    if (n < 1 || n > t.size()) {
      throw new IllegalArgumentException("WAN " + t.name() + " has " + t.size() + " data centres, --dcs asks for " + n);
    }
    if (n < t.size()) {
      t = t.restrict(t.name() + "-first" + n, t.names().subList(0, n));
    }
    return bandwidthScale == 1.0 ? t : t.scaled(bandwidthScale);
  }

  /** One line per link: {@code a<->b 171.2 Mbps 31.0 ms}. */
  public static List<String> describeLinks(WanTopology t) {
    List<String> out = new ArrayList<>();
    List<String> names = t.names();
    for (int i = 0; i < names.size(); i++) {
      for (int j = i + 1; j < names.size(); j++) {
        LinkShape s = t.shape(i, j);
        out.add(String.format(Locale.ROOT, "%s<->%s %.1f Mbps %.1f ms", names.get(i), names.get(j),
            s.bitsPerSecond() / 1e6, s.latencyMillis()));
      }
    }
    return out;
  }
}
