package io.tributary.connectors.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.connectors.video.synthetic.GroundTruth;
import io.tributary.connectors.video.synthetic.SceneConfig;
import io.tributary.connectors.video.synthetic.VideoGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoGeneratorTest {
  @TempDir Path dir;

  @Test
  void generatedVideoDecodesWithFfmpegAndSamplesAtOneFps() throws Exception {
    SceneConfig cfg = SceneConfig.defaults().withDuration(30);
    long t0 = System.nanoTime();
    VideoGenerator.Result r = VideoGenerator.generate(cfg, dir.resolve("street.mp4"));
    System.out.printf("generated in %.2f s: %s%n", (System.nanoTime() - t0) / 1e9, r.describe());
    assertEquals(300, r.frames());
    assertTrue(Files.size(r.video()) > 10_000);

    VideoProbe p = VideoProbe.of(r.video().toString());
    assertEquals(320, p.width());
    assertEquals(240, p.height());
    assertEquals(10.0, p.frameRate(), 0.01);

    List<VideoFrame> frames = new ArrayList<>();
    t0 = System.nanoTime();
    try (VideoFrameReader reader = new VideoFrameReader(
        new CameraStream("cam", List.of(r.video().toString()), 1_000_000L), 1.0, VideoFrameReader.Position.START)) {
      VideoFrame f;
      while ((f = reader.next()) != null) {
        frames.add(f);
      }
      System.out.printf("decoded %d, sampled %d in %.2f s, decode cpu %.3f s%n", reader.decodedFrames(),
          frames.size(), (System.nanoTime() - t0) / 1e9, reader.decodeCpuNanos() / 1e9);
      assertEquals(300, reader.decodedFrames());
      assertEquals(0, reader.skippedFrames());
    }
    assertEquals(30, frames.size());
    for (int i = 0; i < frames.size(); i++) {
      assertEquals(i, frames.get(i).seq);
      assertEquals(1_000_000L + i * 1000L, frames.get(i).timestampMs);
      assertEquals(i * 10L, frames.get(i).sourceFrame);
    }
    String debugDir = System.getProperty("tributary.debug.images"); // a folder to write sample frames to
    if (debugDir != null) {
      Files.createDirectories(Path.of(debugDir));
      for (int i = 0; i < 30; i += 5) {
        ImageIO.write(frames.get(i).image().toBufferedImage(), "png", Path.of(debugDir, "gen-" + i + ".png").toFile());
      }
    }
    GroundTruth truth = GroundTruth.read(r.truth());
    Set<String> classes = truth.rows().stream().map(x -> x.object().cls().label()).collect(Collectors.toSet());
    assertTrue(classes.size() >= 3, "classes seen: " + classes);
    Map<Long, Long> perFrame = truth.rows().stream().collect(Collectors.groupingBy(x -> (long) x.frame(), Collectors.counting()));
    System.out.println("mean objects per frame " + perFrame.values().stream().mapToLong(x -> x).average().orElse(0));
  }
}
