package io.tributary.focus.query;

import io.tributary.connectors.video.Box;
import java.util.List;

/** A frame a query returns: camera, sampled-frame id, time, and the boxes of the matching objects. */
public record FrameHit(String camera, long frameSeq, long timestampMs, List<Box> boxes) {
  /** The frame's identity (camera and frame id), for comparing answers. */
  public String key() {
    return camera + "#" + frameSeq;
  }
}
