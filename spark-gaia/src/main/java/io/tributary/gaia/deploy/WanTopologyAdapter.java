package io.tributary.gaia.deploy;

import io.tributary.common.link.LinkShape;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link GaiaWan} and {@link CostRates} from the project's WAN topology and cost model
 * ({@code io.tributary.common.wan.WanTopology}, {@code CostModel}: the EC2 regions of thesis
 * Figure 5.1 and the prices of Table 5.1), which another engineer was writing in parallel.
 *
 * <p>TODO(merge): once {@code io.tributary.common.wan} is on main, replace the reflection below
 * with direct calls ({@code WanTopology.named(name)}, {@code names()}, {@code shape(a, b)},
 * {@code dataCenter(dc).region()}; {@code CostModel.ec2January2017().prices(region)}). Reflection
 * keeps this branch compiling on its own; nothing else in spark-gaia depends on those classes.
 */
public final class WanTopologyAdapter {
  private static final String TOPOLOGY = "io.tributary.common.wan.WanTopology";
  private static final String COST_MODEL = "io.tributary.common.wan.CostModel";

  private WanTopologyAdapter() {}

  /** A built-in topology of {@code WanTopology} by name ({@code vc}, {@code ss}, {@code ec2-11}, ...). */
  @SuppressWarnings("unchecked")
  public static GaiaWan named(String name) {
    try {
      Class<?> c = Class.forName(TOPOLOGY);
      Object topo = c.getMethod("named", String.class).invoke(null, name);
      List<String> names = (List<String>) c.getMethod("names").invoke(topo);
      Method shape = c.getMethod("shape", String.class, String.class);
      Method dataCenter = c.getMethod("dataCenter", String.class);
      Map<String, String> regions = new LinkedHashMap<>();
      Map<String, LinkShape> shapes = new LinkedHashMap<>();
      for (String a : names) {
        Object dc = dataCenter.invoke(topo, a);
        regions.put(a, (String) dc.getClass().getMethod("region").invoke(dc));
        for (String b : names) {
          if (a.compareTo(b) < 0) {
            shapes.put(GaiaWan.pairKey(a, b), (LinkShape) shape.invoke(topo, a, b));
          }
        }
      }
      return new GaiaWan((String) c.getMethod("name").invoke(topo), names, regions, shapes);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("WAN topology '" + name + "' needs " + TOPOLOGY + ", which is not in this build;"
          + " use --wan uniform:MBPS:MS", e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("cannot build WAN topology '" + name + "': " + cause, cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(TOPOLOGY + " does not have the API this adapter expects: " + e, e);
    }
  }

  /** Table 5.1 prices from {@code CostModel.ec2January2017()}, or null when it is not in this build. */
  public static CostRates ec2January2017() {
    try {
      Class<?> c = Class.forName(COST_MODEL);
      Object model = c.getMethod("ec2January2017").invoke(null);
      Method prices = c.getMethod("prices", String.class);
      return new CostRates() {
        private double get(String region, String what) {
          try {
            Object p = prices.invoke(model, region);
            return (double) p.getClass().getMethod(what).invoke(p);
          } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException re ? re
                : new IllegalStateException("no prices for " + region + ": " + e.getCause(), e.getCause());
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(COST_MODEL + " does not have the API this adapter expects: " + e, e);
          }
        }

        @Override
        public double cpuPerHour(String region) {
          return get(region, "cpuPerHour");
        }

        @Override
        public double sendPerGb(String region) {
          return get(region, "sendPerGb");
        }

        @Override
        public double receivePerGb(String region) {
          return get(region, "receivePerGb");
        }
      };
    } catch (ClassNotFoundException e) {
      return null;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(COST_MODEL + " does not have the API this adapter expects: " + e, e);
    }
  }
}
