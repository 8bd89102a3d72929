package io.tributary.connectors.video;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Versioned binary form of {@link VideoSplit}s (and lists of them, the enumerator's state). */
public final class VideoSplitSerializer implements SimpleVersionedSerializer<VideoSplit> {
  public static final int VERSION = 1;
  public static final VideoSplitSerializer INSTANCE = new VideoSplitSerializer();

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(VideoSplit split) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      write(split, out);
    }
    return bytes.toByteArray();
  }

  @Override
  public VideoSplit deserialize(int version, byte[] serialized) throws IOException {
    checkVersion(version);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
      return read(in);
    }
  }

  static void write(VideoSplit split, DataOutputStream out) throws IOException {
    CameraStream s = split.stream();
    out.writeUTF(s.cameraId());
    out.writeLong(s.startEpochMs());
    out.writeInt(s.uris().size());
    for (String u : s.uris()) {
      out.writeUTF(u);
    }
    VideoFrameReader.Position p = split.position();
    out.writeInt(p.fileIndex());
    out.writeLong(p.framesConsumedInFile());
    out.writeLong(p.nextSampleUs());
    out.writeLong(p.seq());
    out.writeLong(p.sourceFrame());
    out.writeLong(p.fileOffsetUs());
  }

  static VideoSplit read(DataInputStream in) throws IOException {
    String camera = in.readUTF();
    long start = in.readLong();
    int n = in.readInt();
    List<String> uris = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      uris.add(in.readUTF());
    }
    VideoFrameReader.Position p = new VideoFrameReader.Position(in.readInt(), in.readLong(),
        in.readLong(), in.readLong(), in.readLong(), in.readLong());
    return new VideoSplit(new CameraStream(camera, uris, start), p);
  }

  static void checkVersion(int version) throws IOException {
    if (version != VERSION) {
      throw new IOException("video split state version " + version + " is not supported (this build reads "
          + VERSION + ")");
    }
  }

  /** Serializer for the enumerator's checkpoint: the splits not yet handed out. */
  public static final class ListSerializer implements SimpleVersionedSerializer<List<VideoSplit>> {
    @Override
    public int getVersion() {
      return VERSION;
    }

    @Override
    public byte[] serialize(List<VideoSplit> splits) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeInt(splits.size());
        for (VideoSplit s : splits) {
          write(s, out);
        }
      }
      return bytes.toByteArray();
    }

    @Override
    public List<VideoSplit> deserialize(int version, byte[] serialized) throws IOException {
      checkVersion(version);
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        int n = in.readInt();
        List<VideoSplit> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          out.add(read(in));
        }
        return out;
      }
    }
  }
}
