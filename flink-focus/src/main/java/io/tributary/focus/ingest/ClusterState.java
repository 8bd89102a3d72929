package io.tributary.focus.ingest;

import io.tributary.common.focus.IncrementalClustering;
import io.tributary.connectors.video.BgrImage;
import io.tributary.connectors.video.Box;
import io.tributary.focus.state.StateCodec;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;

/** A camera's clustering state: the engine-free {@link IncrementalClustering} of its objects. */
public final class ClusterState {
  /**
   * What a cluster keeps of its representative object: frame, time, box, and the image stored in the
   * index (its crop, or a window around it) with the object's box in that image.
   */
  public record Member(long frameSeq, long timestampMs, Box box, BgrImage image, Box boxInImage) {}

  IncrementalClustering.Config config;
  IncrementalClustering<Member> clustering;
  /** The ingest configuration (registry id) whose objects the clustering holds. */
  int configId;
  /** The id the next clustering's first cluster gets (ids stay unique across configurations). */
  long firstClusterId;

  ClusterState(IncrementalClustering.Config config, int configId) {
    this.config = config;
    this.configId = configId;
  }

  static final IncrementalClustering.MemberCodec<Member> MEMBER = new IncrementalClustering.MemberCodec<>() {
    @Override
    public void write(Member m, DataOutput out) throws IOException {
      out.writeLong(m.frameSeq());
      out.writeLong(m.timestampMs());
      out.writeInt(m.box().x());
      out.writeInt(m.box().y());
      out.writeInt(m.box().w());
      out.writeInt(m.box().h());
      out.writeInt(m.image().width());
      out.writeInt(m.image().height());
      out.write(m.image().bgr());
      out.writeInt(m.boxInImage().x());
      out.writeInt(m.boxInImage().y());
      out.writeInt(m.boxInImage().w());
      out.writeInt(m.boxInImage().h());
    }

    @Override
    public Member read(DataInput in) throws IOException {
      long seq = in.readLong();
      long ts = in.readLong();
      Box b = new Box(in.readInt(), in.readInt(), in.readInt(), in.readInt());
      int w = in.readInt();
      int h = in.readInt();
      byte[] px = new byte[w * h * 3];
      in.readFully(px);
      return new Member(seq, ts, b, new BgrImage(w, h, px), new Box(in.readInt(), in.readInt(), in.readInt(), in.readInt()));
    }
  };

  /**
   * State format: configuration id and next cluster id (from version 3), clustering settings, then
   * the clustering (absent before a camera's first object). Version 2 state reads as configuration 0.
   */
  public static final class Codec implements StateCodec<ClusterState> {
    private static final int VERSION = 3;

    @Override
    public void write(ClusterState s, DataOutputStream out) throws IOException {
      out.writeInt(VERSION);
      out.writeInt(s.configId);
      out.writeLong(s.firstClusterId);
      out.writeDouble(s.config.distanceThreshold());
      out.writeInt(s.config.maxActive());
      out.writeInt(s.config.topK());
      out.writeBoolean(s.clustering != null);
      if (s.clustering != null) {
        s.clustering.write(out, MEMBER);
      }
    }

    @Override
    public ClusterState read(DataInputStream in) throws IOException {
      int v = in.readInt();
      if (v != VERSION && v != 2) {
        throw new IOException("cluster state version " + v + " is not readable by this build (" + VERSION + ")");
      }
      int configId = v >= 3 ? in.readInt() : 0;
      long firstId = v >= 3 ? in.readLong() : 0;
      ClusterState s = new ClusterState(new IncrementalClustering.Config(in.readDouble(), in.readInt(), in.readInt()), configId);
      s.firstClusterId = firstId;
      if (in.readBoolean()) {
        s.clustering = IncrementalClustering.read(in, s.config, MEMBER);
      }
      return s;
    }
  }
}
