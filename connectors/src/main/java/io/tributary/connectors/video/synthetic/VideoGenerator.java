package io.tributary.connectors.video.synthetic;

import io.tributary.connectors.video.BgrImage;
import io.tributary.connectors.video.VideoProbe;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Renders a {@link Scene} and encodes it with FFmpeg (JavaCV's {@code FFmpegFrameRecorder}, MPEG-4
 * Part 2 in an MP4 or AVI container), writing the per-frame ground truth beside the video
 * ({@link GroundTruth#fileFor}). The result is an ordinary video file any FFmpeg reader decodes.
 */
public final class VideoGenerator {
  private VideoGenerator() {}

  /** What was generated: frame count and distinct objects per class. */
  public record Result(Path video, Path truth, int frames, Map<SyntheticClass, Integer> objectsPerClass) {
    public String describe() {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s: %d frames, objects", video, frames));
      objectsPerClass.forEach((c, n) -> sb.append(' ').append(c.label()).append('=').append(n));
      return sb.toString();
    }
  }

  /** Renders {@code cfg} into {@code video} (format from its extension: .mp4, .avi, .mkv). */
  public static Result generate(SceneConfig cfg, Path video) throws IOException {
    VideoProbe.quietFfmpegLogs();
    Path parent = video.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    String name = video.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".mp4") && !name.endsWith(".avi") && !name.endsWith(".mkv")) {
      // The extension picks the container; anything else would get an MP4 under a misleading name.
      throw new IllegalArgumentException("video " + video + " has an unsupported extension (.mp4, .avi or .mkv)");
    }
    String format = name.endsWith(".avi") ? "avi" : name.endsWith(".mkv") ? "matroska" : "mp4";
    Path truthFile = GroundTruth.fileFor(video);
    Path tmp = video.resolveSibling(video.getFileName() + ".partial");
    Map<SyntheticClass, Set<Long>> seen = new EnumMap<>(SyntheticClass.class);
    int frames = 0;
    try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(tmp.toFile(), cfg.width(), cfg.height(), 0);
         BufferedWriter truth = GroundTruth.open(truthFile)) {
      rec.setFormat(format);
      rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
      rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      rec.setFrameRate(cfg.fps());
      rec.setGopSize((int) Math.max(1, Math.round(cfg.fps())));
      rec.setVideoBitrate(Math.max(400_000, (int) (cfg.width() * cfg.height() * cfg.fps() * 1.5)));
      rec.setVideoOption("qmax", "6");
      rec.setMetadata("comment", "tributary synthetic video: " + cfg.describe());
      rec.start();
      Scene scene = new Scene(cfg);
      Frame frame = new Frame(cfg.width(), cfg.height(), Frame.DEPTH_UBYTE, 3);
      while (scene.hasNext()) {
        RenderedFrame f = scene.next();
        copyInto(f.image(), frame);
        frame.timestamp = f.timestampUs();
        rec.record(frame, avutil.AV_PIX_FMT_BGR24);
        GroundTruth.write(truth, f);
        for (TruthObject o : f.objects()) {
          seen.computeIfAbsent(o.cls(), k -> new HashSet<>()).add(o.objectId());
        }
        frames++;
      }
      rec.stop();
    } catch (FFmpegFrameRecorder.Exception e) {
      Files.deleteIfExists(tmp);
      throw new IOException("encoding " + video + " failed: " + e.getMessage(), e);
    }
    Files.move(tmp, video, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    Map<SyntheticClass, Integer> counts = new EnumMap<>(SyntheticClass.class);
    seen.forEach((c, ids) -> counts.put(c, ids.size()));
    return new Result(video, truthFile, frames, counts);
  }

  private static void copyInto(BgrImage img, Frame frame) {
    ByteBuffer buf = (ByteBuffer) frame.image[0];
    int stride = frame.imageStride;
    byte[] px = img.bgr();
    int rowBytes = img.width() * 3;
    for (int r = 0; r < img.height(); r++) {
      buf.position(r * stride);
      buf.put(px, r * rowBytes, rowBytes);
    }
    buf.position(0);
  }
}
