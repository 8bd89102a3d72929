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
  /**
   * A moving object found in a frame: its box (frame pixels), its crop, and a window around it (the
   * crop itself when no context is kept) with the object's box inside that window.
   */
  public record Extracted(Box box, BgrImage crop, BgrImage context, Box boxInContext) {}

  /** Largest side of a stored context window, in pixels. */
  public static final int MAX_WINDOW = 256;

  private final BackgroundSubtractor subtractor;
  private final int maxObjects;
  private final double context;

  /** @param maxObjects most objects kept per frame (the largest); guards against a flooded mask */
  public ObjectExtractor(BackgroundSubtractor subtractor, int maxObjects) {
    this(subtractor, maxObjects, 1.0);
  }

  /**
   * @param context side of the window kept around each object, as a multiple of the object's larger
   *     side (1: just the crop); the window is square, at least 96 pixels, clipped to the frame
   */
  public ObjectExtractor(BackgroundSubtractor subtractor, int maxObjects, double context) {
    this.subtractor = subtractor;
    this.maxObjects = maxObjects;
    this.context = context;
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
        BgrImage crop = frame.crop(b);
        if (context <= 1.0) {
          out.add(new Extracted(b, crop, crop, new Box(0, 0, b.w(), b.h())));
        } else {
          int side = (int) Math.max(96, Math.round(Math.max(b.w(), b.h()) * context));
          int cx = b.x() + b.w() / 2;
          int cy = b.y() + b.h() / 2;
          Box win = new Box(cx - side / 2, cy - side / 2, side, side).clip(frame.width(), frame.height());
          BgrImage window = frame.crop(win);
          Box inWindow = new Box(b.x() - win.x(), b.y() - win.y(), b.w(), b.h());
          // Windows are stored at most MAX_WINDOW pixels a side (a detector letterboxes them anyway).
          double s = Math.min(1.0, (double) MAX_WINDOW / Math.max(window.width(), window.height()));
          if (s < 1.0) {
            window = window.resize(Math.max(1, (int) Math.round(window.width() * s)),
                Math.max(1, (int) Math.round(window.height() * s)));
            inWindow = new Box((int) Math.round(inWindow.x() * s), (int) Math.round(inWindow.y() * s),
                Math.max(1, (int) Math.round(inWindow.w() * s)), Math.max(1, (int) Math.round(inWindow.h() * s)))
                .clip(window.width(), window.height());
          }
          out.add(new Extracted(b, crop, window, inWindow));
        }
      }
    }
    return out;
  }
}
