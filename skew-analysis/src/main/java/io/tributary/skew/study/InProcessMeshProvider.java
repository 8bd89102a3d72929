package io.tributary.skew.study;

import io.tributary.common.link.Link;
import io.tributary.common.link.LinkShape;
import io.tributary.common.metrics.TrafficMeter;
import io.tributary.common.protocol.Mesh;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.BarrierTaskInfo;

/**
 * In-process links for barrier tasks that run in one JVM ({@code local[K]}): a registry, keyed
 * by mesh id, of full meshes created by the first task that asks. Refuses to hand out links when
 * the stage's tasks run in different executors, where in-process queues cannot reach.
 */
public final class InProcessMeshProvider implements MeshProvider {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Entry> MESHES = new ConcurrentHashMap<>();

  private record Entry(Link[][] links, TrafficMeter meter, AtomicInteger users) {}

  @Override
  public Link[] connect(String meshId, int partition, int partitions, BarrierTaskContext context) throws IOException {
    if (context != null) {
      BarrierTaskInfo[] infos = context.getTaskInfos();
      for (BarrierTaskInfo info : infos) {
        if (!info.address().equals(infos[0].address())) {
          throw new IOException("mesh " + meshId + ": in-process links need all " + partitions
              + " tasks in one executor (a local[K] master), but they run at " + infos[0].address() + " and "
              + info.address() + "; use a network MeshProvider on a cluster");
        }
      }
    }
    Entry e = MESHES.computeIfAbsent(meshId, id -> {
      TrafficMeter meter = new TrafficMeter();
      return new Entry(Mesh.inProcess(id, partitions, LinkShape.UNSHAPED, meter), meter, new AtomicInteger());
    });
    if (e.links().length != partitions) {
      throw new IOException("mesh " + meshId + " has " + e.links().length + " partitions, asked for " + partitions);
    }
    e.users().incrementAndGet();
    return e.links()[partition];
  }

  @Override
  public void release(String meshId, int partition) {
    Entry e = MESHES.get(meshId);
    if (e != null && e.users().decrementAndGet() <= 0) {
      MESHES.remove(meshId, e);
    }
  }

  /** Meshes currently held (for tests: none should leak after a run). */
  static int openMeshes() {
    return MESHES.size();
  }
}
