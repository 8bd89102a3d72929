package io.tributary.connectors.video;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Flink (FLIP-27) source of sampled video frames, decoded with FFmpeg: one split per camera,
 * each camera a file, a folder of segment files, or a live stream URL. Frames carry event time
 * (camera start time + presentation time); after a camera's last frame the source emits that
 * camera's end-of-stream marker ({@link VideoFrame#endOfStream}).
 *
 * <pre>{@code
 * VideoSource source = VideoSource.builder()
 *     .addFile("lobby", Path.of("lobby.mp4"))
 *     .addFolder(Path.of("recordings/"))     // a file per camera, or a sub-folder of segments per camera
 *     .addStream("gate", "rtsp://10.0.0.7/stream1")
 *     .startTime(Instant.parse("2024-05-01T08:00:00Z").toEpochMilli())
 *     .sampleFps(1.0)
 *     .build();
 * env.fromSource(source, WatermarkStrategy.noWatermarks(), "video");
 * }</pre>
 *
 * <p>Recorded cameras are probed when the source is built, so a missing, empty or non-video file
 * fails there with its name, before any output is written. The source is bounded unless a live
 * stream is among its cameras. Checkpointed positions are frame-exact for files; a live stream
 * resumes from "now" after a restore.
 */
public final class VideoSource implements Source<VideoFrame, VideoSplit, List<VideoSplit>>,
    ResultTypeQueryable<VideoFrame> {
  private static final long serialVersionUID = 1L;

  /** File name endings treated as video when scanning folders. */
  public static final List<String> VIDEO_EXTENSIONS = List.of(".mp4", ".avi", ".mkv", ".mov", ".ts",
      ".webm", ".m4v", ".mpg", ".mpeg", ".flv", ".h264", ".264");

  private final List<CameraStream> cameras;
  private final double sampleFps;

  private VideoSource(List<CameraStream> cameras, double sampleFps) {
    this.cameras = List.copyOf(cameras);
    this.sampleFps = sampleFps;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<CameraStream> cameras() {
    return cameras;
  }

  public double sampleFps() {
    return sampleFps;
  }

  @Override
  public Boundedness getBoundedness() {
    return cameras.stream().anyMatch(CameraStream::isLive) ? Boundedness.CONTINUOUS_UNBOUNDED
        : Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<VideoFrame, VideoSplit> createReader(SourceReaderContext readerContext) {
    return new VideoSourceReader(readerContext, sampleFps);
  }

  @Override
  public SplitEnumerator<VideoSplit, List<VideoSplit>> createEnumerator(
      SplitEnumeratorContext<VideoSplit> enumContext) {
    List<VideoSplit> splits = new ArrayList<>();
    for (CameraStream c : cameras) {
      splits.add(new VideoSplit(c, VideoFrameReader.Position.START));
    }
    return new VideoSplitEnumerator(enumContext, splits);
  }

  @Override
  public SplitEnumerator<VideoSplit, List<VideoSplit>> restoreEnumerator(
      SplitEnumeratorContext<VideoSplit> enumContext, List<VideoSplit> checkpoint) {
    return new VideoSplitEnumerator(enumContext, checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<VideoSplit> getSplitSerializer() {
    return VideoSplitSerializer.INSTANCE;
  }

  @Override
  public SimpleVersionedSerializer<List<VideoSplit>> getEnumeratorCheckpointSerializer() {
    return new VideoSplitSerializer.ListSerializer();
  }

  @Override
  public TypeInformation<VideoFrame> getProducedType() {
    return TypeInformation.of(VideoFrame.class);
  }

  /** Builds a {@link VideoSource}; see the class comment. */
  public static final class Builder {
    private final Map<String, List<String>> files = new LinkedHashMap<>();
    private final Map<String, Long> startTimes = new LinkedHashMap<>();
    private long startEpochMs;
    private double sampleFps = 1.0;
    private boolean probe = true;

    /** One camera reading one file. */
    public Builder addFile(String cameraId, Path file) {
      return addSegments(cameraId, List.of(file));
    }

    /** One camera whose recording is split into files played in the given order. */
    public Builder addSegments(String cameraId, List<Path> segments) {
      if (files.containsKey(cameraId)) {
        throw new IllegalArgumentException("camera '" + cameraId + "' added twice");
      }
      List<String> uris = segments.stream().map(p -> p.toAbsolutePath().toString()).toList();
      new CameraStream(cameraId, uris, 0); // validates the id now, where the caller can see it
      files.put(cameraId, uris);
      return this;
    }

    /** One camera reading a live stream URL (rtsp, rtmp, http, udp, srt...). */
    public Builder addStream(String cameraId, String url) {
      if (!CameraStream.isStreamUrl(url)) {
        throw new IllegalArgumentException("'" + url + "' is not a stream URL (rtsp://, http://, ...)");
      }
      if (files.containsKey(cameraId)) {
        throw new IllegalArgumentException("camera '" + cameraId + "' added twice");
      }
      new CameraStream(cameraId, List.of(url), 0);
      files.put(cameraId, List.of(url));
      return this;
    }

    /**
     * Cameras from a folder: each video file directly inside is a camera named after the file (without
     * extension); each sub-folder is a camera named after the folder, its video files (in name order)
     * the segments of its recording.
     */
    public Builder addFolder(Path folder) {
      if (!Files.isDirectory(folder)) {
        throw new IllegalArgumentException("video folder " + folder + " does not exist");
      }
      int before = files.size();
      try (Stream<Path> entries = Files.list(folder)) {
        for (Path p : entries.sorted().toList()) {
          if (Files.isDirectory(p)) {
            List<Path> segs = videoFiles(p);
            if (!segs.isEmpty()) {
              addSegments(cameraIdOf(p.getFileName().toString()), segs);
            }
          } else if (isVideoFile(p)) {
            addFile(cameraIdOf(stripExtension(p.getFileName().toString())), p);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list video folder " + folder, e);
      }
      if (files.size() == before) {
        throw new IllegalArgumentException("video folder " + folder + " holds no video files ("
            + String.join(" ", VIDEO_EXTENSIONS) + ")");
      }
      return this;
    }

    /** Event time of every camera's first frame (epoch ms); default 0. */
    public Builder startTime(long epochMs) {
      this.startEpochMs = epochMs;
      return this;
    }

    /** Event time of one camera's first frame, overriding {@link #startTime(long)}. */
    public Builder startTime(String cameraId, long epochMs) {
      startTimes.put(cameraId, epochMs);
      return this;
    }

    /** Sampled frames per second of video (default 1, as in the Focus paper); 0 keeps every frame. */
    public Builder sampleFps(double fps) {
      if (fps < 0 || Double.isNaN(fps)) {
        throw new IllegalArgumentException("sample rate must be >= 0 frames per second, got " + fps);
      }
      this.sampleFps = fps;
      return this;
    }

    /** Whether to open every recorded file's header at build time (default true). */
    public Builder probe(boolean probe) {
      this.probe = probe;
      return this;
    }

    public VideoSource build() {
      if (files.isEmpty()) {
        throw new IllegalArgumentException("no cameras: add a file, folder or stream");
      }
      for (String cam : startTimes.keySet()) {
        if (!files.containsKey(cam)) {
          throw new IllegalArgumentException("start time given for unknown camera '" + cam + "'");
        }
      }
      List<CameraStream> cams = new ArrayList<>();
      for (Map.Entry<String, List<String>> e : files.entrySet()) {
        CameraStream c = new CameraStream(e.getKey(), e.getValue(),
            startTimes.getOrDefault(e.getKey(), startEpochMs));
        if (probe && !c.isLive()) {
          for (String uri : c.uris()) {
            try {
              VideoProbe.of(uri);
            } catch (IOException ex) {
              throw new IllegalArgumentException(ex.getMessage(), ex);
            }
          }
        }
        cams.add(c);
      }
      return new VideoSource(cams, sampleFps);
    }

    private static List<Path> videoFiles(Path dir) {
      try (Stream<Path> s = Files.list(dir)) {
        return s.filter(Builder::isVideoFile).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list video folder " + dir, e);
      }
    }

    private static boolean isVideoFile(Path p) {
      String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
      return Files.isRegularFile(p) && VIDEO_EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    private static String stripExtension(String name) {
      int dot = name.lastIndexOf('.');
      return dot > 0 ? name.substring(0, dot) : name;
    }

    /** A camera id from a file or folder name: characters outside [A-Za-z0-9_.-] become '_'. */
    public static String cameraIdOf(String name) {
      return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
  }
}
