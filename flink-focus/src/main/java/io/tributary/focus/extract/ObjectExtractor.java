package io.tributary.focus.extract;

import io.tributary.connectors.video.BgrImage;
import io.tributary.connectors.video.Box;
import java.util.ArrayList;
import java.util.List;

/**
 * Background subtraction plus cropping: the moving objects of a frame as boxes with their pixels.
 * One per camera (it holds the camera's background).
 */
public final class ObjectExtractor {
  /** A moving object found in a frame: its box (frame pixels) and crop. */
  public record Extracted(Box box, BgrImage crop) {}

  private final BackgroundSubtractor subtractor;
  private final int maxObjects;

  /** @param maxObjects most objects kept per frame (the largest); guards against a flooded mask */
  public ObjectExtractor(BackgroundSubtractor subtractor, int maxObjects) {
    this.subtractor = subtractor;
    this.maxObjects = maxObjects;
  }

  public BackgroundSubtractor subtractor() {
    return subtractor;
  }

  public List<Extracted> extract(BgrImage frame, long timestampMs) {
    List<Box> boxes = subtractor.apply(frame, timestampMs);
    List<Extracted> out = new ArrayList<>(Math.min(boxes.size(), maxObjects));
    for (Box b : boxes) {
      if (out.size() == maxObjects) {
        break;
      }
      if (b.w() >= 4 && b.h() >= 4) {
        out.add(new Extracted(b, frame.crop(b)));
      }
    }
    return out;
  }
}
