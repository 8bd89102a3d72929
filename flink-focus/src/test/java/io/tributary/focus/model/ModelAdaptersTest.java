package io.tributary.focus.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.model.Architecture;
import io.tributary.connectors.video.BgrImage;
import io.tributary.connectors.video.Box;
import io.tributary.connectors.video.CameraStream;
import io.tributary.connectors.video.VideoFrame;
import io.tributary.connectors.video.VideoFrameReader;
import io.tributary.connectors.video.synthetic.SceneConfig;
import io.tributary.focus.extract.BackgroundSubtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The model adapters (DJL translators) on the project's own networks and on the shared ONNX models. */
class ModelAdaptersTest {
  static Path shared(String rel) {
    Path p = Path.of(System.getProperty("tributary.shared.data", "../shared/data")).resolve(rel);
    Assumptions.assumeTrue(Files.exists(p), "shared data absent: " + p);
    return p;
  }

  @Test
  void builtinModelsGiveProbabilitiesAndFeaturesAndTheGtCnnIsAccurate() throws Exception {
    List<LabeledCrop> val = SyntheticModels.crops(SceneConfig.defaults().withSeed(77).withDuration(30),
        BackgroundSubtractor.Config.defaults(), 1);
    List<BgrImage> crops = val.stream().map(LabeledCrop::crop).toList();
    try (CropModel gt = SyntheticModels.groundTruth(System.out).open();
         CropModel cheap = SyntheticModels.cheap(System.out).open()) {
      List<CropPrediction> p = cheap.predict(crops.subList(0, 5));
      assertEquals(SyntheticModels.CLASSES.size(), p.get(0).probabilities().length);
      assertEquals(Architecture.CHEAP.featureDim(), p.get(0).feature().length);
      double gtAcc = CropTrainer.accuracy(gt, val);
      System.out.printf("GT-CNN: accuracy %.3f vs generator truth on %d crops%n", gtAcc, val.size());
      assertTrue(gtAcc > 0.85, "GT-CNN learned the generated classes: " + gtAcc);
    }
  }

  @Test
  void sharedDataOnnxClassifierAsCropModel() throws Exception {
    FocusModel spec = FocusModel.classifierFile(shared("models/mobilenetv2-12-int8.onnx"),
        shared("models/labels/classification_classes_ILSVRC2012.txt"), InputSpec.imagenet(224), false);
    try (CropModel m = spec.openCropModel()) {
      List<CropPrediction> p = m.predict(List.of(new BgrImage(50, 40, new byte[50 * 40 * 3]),
          new BgrImage(30, 60, new byte[30 * 60 * 3])));
      assertEquals(2, p.size());
      assertEquals(1000, p.get(0).probabilities().length);
      double sum = 0;
      for (float v : p.get(0).probabilities()) {
        sum += v;
      }
      assertEquals(1.0, sum, 1e-3);
    }
  }

  @Test
  void sharedDataYoloxFindsThePersonInTheLobbyClip() throws Exception {
    FocusModel spec = FocusModel.yolox(shared("models/yolox_nano.onnx"),
        shared("models/labels/object_detection_classes_coco.txt"), 0.3f);
    CameraStream cam = new CameraStream("lobby", List.of(shared("video/intel_one-by-one-person-detection.mp4").toString()), 0);
    try (GroundTruthModel gt = spec.openGroundTruth(); VideoFrameReader r = new VideoFrameReader(cam, 0.5, VideoFrameReader.Position.START)) {
      VideoFrame f = null;
      for (int i = 0; i < 7; i++) {
        f = r.next();
      }
      List<Detection> d = gt.detect(f.image());
      System.out.println("YOLOX on frame " + f.seq + ": " + d);
      Detection person = d.stream().filter(x -> x.label().equals("person")).findFirst().orElseThrow();
      assertTrue(person.score() > 0.5 && person.box().h() > 200, person.toString());
      // The same person, seen through a window around it, is still a person.
      var box = person.box();
      var win = new Box(box.x() - box.w(), 0, box.w() * 3, f.height).clip(f.width, f.height);
      var view = new CropView(f.image().crop(win), new Box(box.x() - win.x(), box.y(), box.w(), box.h()));
      assertTrue(gt.classifyViews(List.of(view)).get(0).contains("person"));
    }
  }
}
