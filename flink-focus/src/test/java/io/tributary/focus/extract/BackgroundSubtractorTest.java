package io.tributary.focus.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.connectors.video.Box;
import io.tributary.connectors.video.synthetic.RenderedFrame;
import io.tributary.connectors.video.synthetic.Scene;
import io.tributary.connectors.video.synthetic.SceneConfig;
import io.tributary.connectors.video.synthetic.TruthObject;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackgroundSubtractorTest {
  /** Runs the subtractor over a generated scene sampled at 1 fps; returns [truth, found, boxes, matched boxes]. */
  static int[] score(BackgroundSubtractor.Config cfg, SceneConfig scene) {
    BackgroundSubtractor bs = new BackgroundSubtractor(cfg);
    Scene s = new Scene(scene);
    int truth = 0;
    int found = 0;
    int boxes = 0;
    int goodBoxes = 0;
    int step = (int) Math.round(scene.fps());
    long cpu = 0;
    var tm = ManagementFactory.getThreadMXBean();
    while (s.hasNext()) {
      RenderedFrame f = s.next();
      if (f.frameIndex() % step != 0) {
        continue;
      }
      long c0 = tm.getCurrentThreadCpuTime();
      List<Box> got = bs.apply(f.image(), f.timestampUs() / 1000);
      cpu += tm.getCurrentThreadCpuTime() - c0;
      if (bs.frames() <= cfg.warmupFrames()) {
        continue;
      }
      boxes += got.size();
      List<Box> matched = new ArrayList<>();
      for (TruthObject o : f.objects()) {
        if (o.visibleFraction() < 0.6) {
          continue;
        }
        truth++;
        for (Box b : got) {
          if (b.intersection(o.box()) >= 0.5 * o.box().area()) {
            found++;
            matched.add(b);
            break;
          }
        }
      }
      for (Box b : got) {
        boolean hit = false;
        for (TruthObject o : f.objects()) {
          if (b.intersection(o.box()) >= 0.3 * b.area()) {
            hit = true;
          }
        }
        goodBoxes += hit ? 1 : 0;
      }
    }
    System.out.printf("%s: truth %d found %d (%.3f); boxes %d on objects %d (%.3f); %.3f ms/frame%n", cfg.mode(),
        truth, found, found / (double) truth, boxes, goodBoxes, goodBoxes / (double) boxes, cpu / 1e6 / bs.frames());
    return new int[] {truth, found, boxes, goodBoxes};
  }

  @Test
  void findsMovingObjectsInGeneratedVideoDespiteLightingDrift() {
    SceneConfig scene = SceneConfig.defaults().withDuration(240).withLighting(0.15, 60);
    for (var mode : BackgroundSubtractor.Mode.values()) {
      var cfg = BackgroundSubtractor.Config.defaults().withMode(mode).withWindowMs(60_000);
      int[] r = score(cfg, scene);
      assertTrue(r[1] >= 0.9 * r[0], mode + ": finds most visible objects");
      assertTrue(r[3] >= 0.9 * r[2], mode + ": few boxes on background");
    }
  }

  @Test
  void restoredStateGivesIdenticalBoxes() throws Exception {
    SceneConfig scene = SceneConfig.defaults().withDuration(60);
    var cfg = BackgroundSubtractor.Config.defaults().withWindowMs(20_000);
    List<RenderedFrame> frames = new ArrayList<>();
    new Scene(scene).forEachRemaining(f -> {
      if (f.frameIndex() % 10 == 0) {
        frames.add(f);
      }
    });
    for (int cut : new int[] {2, 5, 25, 45}) {
      BackgroundSubtractor a = new BackgroundSubtractor(cfg);
      BackgroundSubtractor b = new BackgroundSubtractor(cfg);
      for (int i = 0; i < frames.size(); i++) {
        if (i == cut) {
          b = BackgroundSubtractor.fromBytes(cfg, b.toBytes());
        }
        RenderedFrame f = frames.get(i);
        assertEquals(a.apply(f.image(), f.timestampUs() / 1000), b.apply(f.image(), f.timestampUs() / 1000),
            "frame " + i + " after restoring at " + cut);
      }
    }
  }
}
