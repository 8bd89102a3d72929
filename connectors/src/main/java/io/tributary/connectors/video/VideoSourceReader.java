package io.tributary.connectors.video;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;

/**
 * Reads its assigned cameras one after another, one sampled frame per {@link #pollNext} (decoding
 * on the task thread keeps checkpoints exact: a barrier always falls between two frames). After a
 * camera's last frame it emits that camera's end-of-stream marker, then asks for another camera.
 */
final class VideoSourceReader implements SourceReader<VideoFrame, VideoSplit> {
  private final SourceReaderContext context;
  private final double sampleFps;
  private final Deque<VideoSplit> pending = new ArrayDeque<>();
  private final Counter skippedCounter;
  private final Counter sampledCounter;
  private VideoSplit currentSplit;
  private VideoFrameReader current;
  private boolean noMoreSplits;
  private boolean requested;
  private CompletableFuture<Void> available = new CompletableFuture<>();
  private long skippedReported;

  VideoSourceReader(SourceReaderContext context, double sampleFps) {
    this.context = context;
    this.sampleFps = sampleFps;
    this.skippedCounter = context.metricGroup().counter("skippedFrames");
    this.sampledCounter = context.metricGroup().counter("sampledFrames");
  }

  @Override
  public void start() {
    if (pending.isEmpty()) {
      request();
    }
  }

  private void request() {
    if (!requested) {
      requested = true;
      context.sendSplitRequest();
    }
  }

  @Override
  public InputStatus pollNext(ReaderOutput<VideoFrame> output) throws Exception {
    if (current == null) {
      currentSplit = pending.poll();
      if (currentSplit == null) {
        if (noMoreSplits) {
          return InputStatus.END_OF_INPUT;
        }
        request();
        if (available.isDone()) {
          available = new CompletableFuture<>();
        }
        return InputStatus.NOTHING_AVAILABLE;
      }
      current = new VideoFrameReader(currentSplit.stream(), sampleFps, currentSplit.position());
      skippedReported = 0;
    }
    long decode0 = current.decodeCpuNanos();
    VideoFrame f = current.next();
    long skipped = current.skippedFrames() - skippedReported;
    skippedReported = current.skippedFrames();
    skippedCounter.inc(skipped);
    if (f == null) {
      VideoFrameReader.Position p = current.position();
      CameraStream s = currentSplit.stream();
      VideoFrame end = VideoFrame.endOfStream(s.cameraId(), p.seq(), s.startEpochMs() + p.fileOffsetUs() / 1000);
      end.decodeNanos = current.decodeCpuNanos() - decode0;
      end.skippedBefore = skipped;
      current.close();
      current = null;
      currentSplit = null;
      output.collect(end, end.timestampMs);
      if (pending.isEmpty() && !noMoreSplits) {
        request();
      }
      return InputStatus.MORE_AVAILABLE;
    }
    f.decodeNanos = current.decodeCpuNanos() - decode0;
    f.skippedBefore = skipped;
    sampledCounter.inc();
    output.collect(f, f.timestampMs);
    return InputStatus.MORE_AVAILABLE;
  }

  @Override
  public List<VideoSplit> snapshotState(long checkpointId) {
    List<VideoSplit> out = new ArrayList<>();
    if (current != null) {
      out.add(new VideoSplit(currentSplit.stream(), current.position()));
    }
    out.addAll(pending);
    return out;
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    if (current != null || !pending.isEmpty() || noMoreSplits) {
      return CompletableFuture.completedFuture(null);
    }
    return available;
  }

  @Override
  public void addSplits(List<VideoSplit> splits) {
    pending.addAll(splits);
    requested = false;
    available.complete(null);
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
    available.complete(null);
  }

  @Override
  public void close() {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
