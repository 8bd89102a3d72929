package io.tributary.focus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.index.IndexReader;
import io.tributary.connectors.video.VideoSource;
import io.tributary.connectors.video.synthetic.SceneConfig;
import io.tributary.connectors.video.synthetic.VideoGenerator;
import io.tributary.focus.ingest.FocusIngestJob;
import io.tributary.focus.ingest.IngestReport;
import io.tributary.focus.ingest.JobSettings;
import io.tributary.focus.model.BuiltinModels;
import io.tributary.focus.model.GroundTruthModel;
import io.tributary.focus.model.SyntheticModels;
import io.tributary.focus.query.FocusQueryProcessor;
import io.tributary.focus.query.QueryRequest;
import io.tributary.focus.query.QueryResult;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance: the index written to and queried from HDFS (a real NameNode and DataNode on loopback). */
class FocusHdfsTest {
  @TempDir Path dir;

  @Test
  void indexOnHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
    MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    try {
      dfs.waitActive();
      String root = "hdfs://localhost:" + dfs.getNameNodePort() + "/focus/index";
      String checkpoints = "hdfs://localhost:" + dfs.getNameNodePort() + "/focus/checkpoints";
      var v = VideoGenerator.generate(SceneConfig.defaults().withDuration(60).withSeed(51), dir.resolve("v.mp4"));
      BuiltinModels.Stored cheap = SyntheticModels.cheap(System.out);
      IngestReport r = FocusIngestJob.builder()
          .source(VideoSource.builder().addFile("cam", v.video()).startTime(1_714_550_400_000L).build())
          .index(root).cheapModel(cheap.spec())
          .settings(JobSettings.defaults().withCheckpointDir(checkpoints)).build().run();
      System.out.println(r.describe());

      FileSystem fs = dfs.getFileSystem();
      FileStatus[] parts = fs.listStatus(new org.apache.hadoop.fs.Path("/focus/index/clusters/camera=cam/hour=2024-05-01T08"));
      assertTrue(parts.length > 0, "cluster part files on HDFS");
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/focus/checkpoints")), "checkpoints on HDFS");

      try (IndexReader index = IndexReader.open(root, conf); GroundTruthModel gt = SyntheticModels.groundTruth(System.out)
          .spec().openGroundTruth()) {
        assertEquals("hdfs", index.fileSystem().getScheme());
        assertFalse(index.partitions(IndexLayout.OBJECTS).isEmpty());
        QueryResult q = new FocusQueryProcessor(index, gt).run(QueryRequest.of("car"));
        System.out.println(q.describe());
        assertTrue(q.candidates() > 0 && !q.frames().isEmpty(), "cars found in the HDFS index");
      }
    } finally {
      dfs.shutdown();
    }
  }
}
