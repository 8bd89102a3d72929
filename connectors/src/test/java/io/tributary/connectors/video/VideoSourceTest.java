package io.tributary.connectors.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.connectors.video.synthetic.SceneConfig;
import io.tributary.connectors.video.synthetic.VideoGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoSourceTest {
  @TempDir static Path dir;
  static Path videoA;
  static Path videoB;

  @BeforeAll
  static void generate() throws IOException {
    videoA = VideoGenerator.generate(SceneConfig.defaults().withDuration(20).withSeed(1),
        dir.resolve("a.mp4")).video();
    videoB = VideoGenerator.generate(SceneConfig.defaults().withDuration(12).withSeed(2).withFps(5),
        dir.resolve("b.avi")).video();
  }

  static List<VideoFrame> readAll(CameraStream s, double fps) throws IOException {
    List<VideoFrame> out = new ArrayList<>();
    try (VideoFrameReader r = new VideoFrameReader(s, fps, VideoFrameReader.Position.START)) {
      for (VideoFrame f; (f = r.next()) != null; ) {
        out.add(f);
      }
    }
    return out;
  }

  @Test
  void sourceOnMiniClusterReadsEveryCameraInOrderWithEndMarkers() throws Exception {
    VideoSource source = VideoSource.builder()
        .addFile("a", videoA)
        .addSegments("ab", List.of(videoA, videoB))
        .addFile("b", videoB)
        .startTime(5_000_000L)
        .sampleFps(2)
        .build();
    assertEquals(Boundedness.BOUNDED, source.getBoundedness());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    List<VideoFrame> got = new ArrayList<>();
    try (var it = env.fromSource(source, WatermarkStrategy.noWatermarks(), "video").executeAndCollect()) {
      it.forEachRemaining(got::add);
    }
    Map<String, List<VideoFrame>> byCam = new LinkedHashMap<>();
    for (VideoFrame f : got) {
      byCam.computeIfAbsent(f.cameraId, k -> new ArrayList<>()).add(f);
    }
    assertEquals(List.of("a", "ab", "b"), byCam.keySet().stream().sorted().toList());
    // 20 s at 2 fps, 12 s at 2 fps, and both segments back to back.
    assertEquals(40 + 1, byCam.get("a").size());
    assertEquals(24 + 1, byCam.get("b").size());
    assertEquals(64 + 1, byCam.get("ab").size());
    for (List<VideoFrame> frames : byCam.values()) {
      for (int i = 0; i < frames.size() - 1; i++) {
        assertEquals(i, frames.get(i).seq);
        // The frame nearest each 0.5 s tick (b has 5 fps, so some ticks fall between frames).
        assertEquals(5_000_000L + i * 500L, frames.get(i).timestampMs, 100, "frame " + i + " of " + frames.get(i).cameraId);
        assertFalse(frames.get(i).endOfStream);
      }
      assertTrue(frames.get(frames.size() - 1).endOfStream);
    }
    // Segment two of "ab" continues camera time where segment one ended.
    assertEquals(5_000_000L + 40 * 500L, byCam.get("ab").get(40).timestampMs);
    assertTrue(Arrays.equals(readAll(new CameraStream("b", List.of(videoB.toString()), 0), 2).get(0).bgr,
        byCam.get("ab").get(40).bgr));
  }

  @Test
  void restoredReaderContinuesWithExactlyTheNextFrame() throws IOException {
    CameraStream s = new CameraStream("ab", List.of(videoA.toString(), videoB.toString()), 0);
    List<VideoFrame> all = readAll(s, 1.5);
    for (int stop : new int[] {0, 7, 29, all.size() - 1}) {
      VideoFrameReader.Position at;
      try (VideoFrameReader r = new VideoFrameReader(s, 1.5, VideoFrameReader.Position.START)) {
        for (int i = 0; i < stop; i++) {
          r.next();
        }
        at = r.position();
      }
      // Round-trip the position through the split serializer, as a checkpoint would.
      VideoSplit split = VideoSplitSerializer.INSTANCE.deserialize(VideoSplitSerializer.VERSION,
          VideoSplitSerializer.INSTANCE.serialize(new VideoSplit(s, at)));
      List<VideoFrame> rest = new ArrayList<>();
      try (VideoFrameReader r = new VideoFrameReader(split.stream(), 1.5, split.position())) {
        for (VideoFrame f; (f = r.next()) != null; ) {
          rest.add(f);
        }
      }
      assertEquals(all.subList(stop, all.size()), rest, "resumed after " + stop + " frames");
    }
  }

  @Test
  void folderGivesOneCameraPerFileAndPerSubfolder() throws IOException {
    Path folder = dir.resolve("cams");
    Files.createDirectories(folder.resolve("gate 2"));
    Files.copy(videoA, folder.resolve("lobby.mp4"));
    Files.copy(videoA, folder.resolve("gate 2").resolve("00.mp4"));
    Files.copy(videoB, folder.resolve("gate 2").resolve("01.avi"));
    Files.writeString(folder.resolve("notes.txt"), "not a video");
    VideoSource s = VideoSource.builder().addFolder(folder).build();
    assertEquals(List.of("gate_2", "lobby"), s.cameras().stream().map(CameraStream::cameraId).toList());
    assertEquals(2, s.cameras().get(0).uris().size());
  }

  @Test
  void badInputsFailAtBuildNamingTheFile() throws IOException {
    Path missing = dir.resolve("missing.mp4");
    var e1 = assertThrows(IllegalArgumentException.class,
        () -> VideoSource.builder().addFile("x", missing).build());
    assertTrue(e1.getMessage().contains("missing.mp4") && e1.getMessage().contains("no such file"), e1.getMessage());

    Path empty = Files.createFile(dir.resolve("empty.mp4"));
    var e2 = assertThrows(IllegalArgumentException.class, () -> VideoSource.builder().addFile("x", empty).build());
    assertTrue(e2.getMessage().contains("empty.mp4") && e2.getMessage().contains("empty"), e2.getMessage());

    Path garbage = dir.resolve("garbage.mp4");
    byte[] noise = new byte[200_000];
    new Random(3).nextBytes(noise);
    Files.write(garbage, noise);
    var e3 = assertThrows(IllegalArgumentException.class, () -> VideoSource.builder().addFile("x", garbage).build());
    assertTrue(e3.getMessage().contains("garbage.mp4") && e3.getMessage().contains("cannot open"), e3.getMessage());

    assertThrows(IllegalArgumentException.class, () -> VideoSource.builder().addFile("bad id!", videoA));
    assertThrows(IllegalArgumentException.class, () -> VideoSource.builder().sampleFps(-1));
  }

  @Test
  void truncatedAndCorruptVideosAreReadAsFarAsPossibleAndCounted() throws IOException {
    // An MP4 cut short loses its index (written last): it cannot be opened, and says so at build.
    byte[] mp4 = Files.readAllBytes(videoA);
    Path cutMp4 = dir.resolve("cut.mp4");
    Files.write(cutMp4, Arrays.copyOf(mp4, mp4.length / 2));
    var e = assertThrows(IllegalArgumentException.class, () -> VideoSource.builder().addFile("x", cutMp4).build());
    assertTrue(e.getMessage().contains("cut.mp4"), e.getMessage());

    // An AVI cut in the middle still opens; the reader returns the first half and stops cleanly.
    byte[] whole = Files.readAllBytes(videoB);
    Path cut = dir.resolve("cut.avi");
    Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
    CameraStream s = new CameraStream("cut", List.of(cut.toString()), 0);
    int n = 0;
    try (VideoFrameReader r = new VideoFrameReader(s, 1, VideoFrameReader.Position.START)) {
      while (r.next() != null) {
        n++;
      }
    }
    assertTrue(n >= 5 && n <= 7, "frames read from the first half of 12 s: " + n);

    // Random bytes over the middle of the file: damaged frames are skipped, the rest decoded.
    byte[] damaged = whole.clone();
    Random rnd = new Random(9);
    for (int i = whole.length / 3; i < whole.length / 3 + 4000; i++) {
      damaged[i] = (byte) rnd.nextInt(256);
    }
    Path bad = dir.resolve("damaged.avi");
    Files.write(bad, damaged);
    int m = 0;
    try (VideoFrameReader r = new VideoFrameReader(new CameraStream("bad", List.of(bad.toString()), 0), 1,
        VideoFrameReader.Position.START)) {
      while (r.next() != null) {
        m++;
      }
      System.out.printf("damaged: %d sampled, %d decoded, %d skipped%n", m, r.decodedFrames(), r.skippedFrames());
    }
    assertTrue(m >= 10, "most of the damaged video is still read: " + m);
  }

  @Test
  void sharedDataXvidAviWithAnUnstampedLastPictureIsNotReportedTruncated() throws IOException {
    // bgslibrary's highway clip (packed-bitstream Xvid): the decoder flushes its last picture with
    // timestamp 0. Camera time must still only move forward, and the file is not "truncated".
    Path clip = Path.of(System.getProperty("tributary.shared.data", "../shared/data")).resolve("video/bgslibrary_video02.avi");
    Assumptions.assumeTrue(Files.exists(clip), "shared data absent: " + clip);
    CameraStream s = new CameraStream("highway", List.of(clip.toString()), 0);
    List<VideoFrame> frames = new ArrayList<>();
    try (VideoFrameReader r = new VideoFrameReader(s, 5, VideoFrameReader.Position.START)) {
      for (VideoFrame f; (f = r.next()) != null; ) {
        frames.add(f);
      }
      assertEquals(0, r.truncatedFiles(), "a whole file reported truncated");
    }
    for (int i = 1; i < frames.size(); i++) {
      assertTrue(frames.get(i).timestampMs > frames.get(i - 1).timestampMs, "camera time went back at frame " + i);
    }
    // 30 s at 5 fps.
    assertTrue(frames.size() >= 148 && frames.size() <= 151, "sampled frames: " + frames.size());
  }
}
