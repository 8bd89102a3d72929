package io.tributary.focus.ingest;

import io.tributary.focus.extract.BackgroundSubtractor;
import io.tributary.focus.state.StateCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** State format of a camera's background model: its settings, then its exact state. */
public final class BackgroundCodec implements StateCodec<BackgroundSubtractor> {
  private static final int VERSION = 1;

  @Override
  public void write(BackgroundSubtractor b, DataOutputStream out) throws IOException {
    BackgroundSubtractor.Config c = b.config();
    out.writeInt(VERSION);
    out.writeUTF(c.mode().name());
    out.writeInt(c.maskWidth());
    out.writeInt(c.threshold());
    out.writeDouble(c.minAreaFraction());
    out.writeDouble(c.padFraction());
    out.writeLong(c.windowMs());
    out.writeDouble(c.adaptSeconds());
    out.writeInt(c.warmupFrames());
    out.writeInt(c.dilate());
    byte[] s = b.toBytes();
    out.writeInt(s.length);
    out.write(s);
  }

  @Override
  public BackgroundSubtractor read(DataInputStream in) throws IOException {
    int v = in.readInt();
    if (v != VERSION) {
      throw new IOException("background state version " + v + " is not readable by this build (" + VERSION + ")");
    }
    // The fields in the order write() put them (the checkpoint format is unchanged by the Config's grouping).
    BackgroundSubtractor.Mode mode = BackgroundSubtractor.Mode.valueOf(in.readUTF());
    int maskWidth = in.readInt();
    int threshold = in.readInt();
    double minAreaFraction = in.readDouble();
    double padFraction = in.readDouble();
    long windowMs = in.readLong();
    double adaptSeconds = in.readDouble();
    int warmupFrames = in.readInt();
    int dilate = in.readInt();
    BackgroundSubtractor.Config c = new BackgroundSubtractor.Config(mode,
        new BackgroundSubtractor.Config.Detection(maskWidth, threshold, minAreaFraction, padFraction, dilate),
        new BackgroundSubtractor.Config.Adaptation(windowMs, adaptSeconds, warmupFrames));
    byte[] s = new byte[in.readInt()];
    in.readFully(s);
    return BackgroundSubtractor.fromBytes(c, s);
  }
}
