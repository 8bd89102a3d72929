package io.tributary.connectors.video;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands out one camera per split request; a reader asks again when its camera ends. Its checkpoint
 * is the cameras not yet handed out (handed-out ones are checkpointed by the readers).
 */
final class VideoSplitEnumerator implements SplitEnumerator<VideoSplit, List<VideoSplit>> {
  private final SplitEnumeratorContext<VideoSplit> context;
  private final Deque<VideoSplit> pending;

  VideoSplitEnumerator(SplitEnumeratorContext<VideoSplit> context, Collection<VideoSplit> splits) {
    this.context = context;
    this.pending = new ArrayDeque<>(splits);
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {
    VideoSplit next = pending.poll();
    if (next != null) {
      context.assignSplit(next, subtaskId);
    } else {
      context.signalNoMoreSplits(subtaskId);
    }
  }

  @Override
  public void addSplitsBack(List<VideoSplit> splits, int subtaskId) {
    for (int i = splits.size() - 1; i >= 0; i--) {
      pending.addFirst(splits.get(i));
    }
  }

  @Override
  public void addReader(int subtaskId) {}

  @Override
  public List<VideoSplit> snapshotState(long checkpointId) {
    return new ArrayList<>(pending);
  }

  @Override
  public void close() {}
}
