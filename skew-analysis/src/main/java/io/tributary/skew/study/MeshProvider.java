package io.tributary.skew.study;

import io.tributary.common.link.Link;
import java.io.IOException;
import java.io.Serializable;
import org.apache.spark.BarrierTaskContext;

/**
 * Gives the K barrier tasks of a run their links to each other. {@link InProcessMeshProvider}
 * serves {@code local[*]} masters, where all tasks share a JVM. On a cluster, a network provider
 * would have each task listen on a port, publish {@code host:port} with {@link
 * BarrierTaskContext#allGather(String)}, and connect one TCP link per peer (the lower partition
 * index dialling the higher one); the protocols are unchanged, since they only see {@link Link}s.
 */
public interface MeshProvider extends Serializable {

  /**
   * Partition {@code partition}'s links to the other partitions of mesh {@code meshId}, indexed
   * by partition ({@code [partition]} is null). Called by every task of the barrier stage.
   */
  Link[] connect(String meshId, int partition, int partitions, BarrierTaskContext context) throws IOException;

  /** Called by every task when it is done with the mesh. */
  void release(String meshId, int partition);
}
