package io.tributary.focus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.connectors.index.IndexReader;
import io.tributary.connectors.video.VideoSource;
import io.tributary.connectors.video.synthetic.SceneConfig;
import io.tributary.connectors.video.synthetic.VideoGenerator;
import io.tributary.focus.baseline.ExactIndexQuery;
import io.tributary.focus.baseline.IngestHeavyJob;
import io.tributary.focus.ingest.FocusIngestJob;
import io.tributary.focus.ingest.IngestConfig;
import io.tributary.focus.ingest.IngestReport;
import io.tributary.focus.ingest.JobSettings;
import io.tributary.focus.model.BuiltinModels;
import io.tributary.focus.model.GroundTruthModel;
import io.tributary.focus.model.SyntheticModels;
import io.tributary.focus.query.Accuracy;
import io.tributary.focus.query.FocusQueryProcessor;
import io.tributary.focus.query.QueryRequest;
import io.tributary.focus.query.QueryResult;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated video -> Focus index and INGEST-HEAVY index on a Flink MiniCluster -> queries -> accuracy. */
class FocusEndToEndTest {
  @TempDir Path dir;

  @Test
  void focusMatchesIngestHeavyOnGeneratedVideo() throws Exception {
    var v = VideoGenerator.generate(SceneConfig.defaults().withDuration(120).withSeed(31), dir.resolve("street.mp4"));
    BuiltinModels.Stored cheap = SyntheticModels.cheap(System.out);
    BuiltinModels.Stored gtModel = SyntheticModels.groundTruth(System.out);
    VideoSource source = VideoSource.builder().addFile("street", v.video()).startTime(1_714_550_400_000L).build();
    String focusIndex = dir.resolve("focus").toString();
    String heavyIndex = dir.resolve("heavy").toString();
    IngestConfig cfg = IngestConfig.defaults();
    IngestReport focus = FocusIngestJob.builder().source(source).index(focusIndex).cheapModel(cheap.spec()).config(cfg)
        .build().run();
    IngestReport heavy = IngestHeavyJob.of(source, heavyIndex, gtModel.spec(), cfg, JobSettings.defaults()).run();
    System.out.println(focus.describe());
    System.out.println(heavy.describe());
    try (IndexReader fi = IndexReader.open(focusIndex); IndexReader hi = IndexReader.open(heavyIndex);
         GroundTruthModel gt = gtModel.spec().openGroundTruth()) {
      ExactIndexQuery exact = new ExactIndexQuery(hi);
      FocusQueryProcessor fq = new FocusQueryProcessor(fi, gt);
      Map<String, Long> counts = exact.classCounts(QueryRequest.of("car"));
      System.out.println("reference detections per class: " + counts);
      assertTrue(counts.size() >= 3, "several classes in the reference");
      for (String cls : counts.keySet()) {
        QueryResult ref = exact.run(QueryRequest.of(cls));
        QueryResult got = fq.run(QueryRequest.of(cls));
        Accuracy acc = Accuracy.of(got.frames(), ref.frames());
        System.out.println(got.describe());
        System.out.printf("  %s: frame P %.4f R %.4f, object P %.4f R %.4f (%d vs %d frames)%n", cls, acc.framePrecision(),
            acc.frameRecall(), acc.objectPrecision(), acc.objectRecall(), acc.returnedFrames(), acc.referenceFrames());
      }
    }
  }
}
