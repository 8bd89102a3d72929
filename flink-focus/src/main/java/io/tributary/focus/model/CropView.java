package io.tributary.focus.model;

import io.tributary.connectors.video.BgrImage;
import io.tributary.connectors.video.Box;

/**
 * An object as the GT-CNN sees it at query time: an image around the object (the object's crop,
 * or a larger window with some of the scene around it) and the object's box within that image. A
 * classifier looks at the box's pixels; a detector looks at the whole window, which gives it the
 * context it saw in the whole frame, and reports what it detects on the object.
 */
public record CropView(BgrImage image, Box object) {
  /** A crop that is exactly the object. */
  public static CropView of(BgrImage crop) {
    return new CropView(crop, new Box(0, 0, crop.width(), crop.height()));
  }

  /** The object's own pixels. */
  public BgrImage objectCrop() {
    return object.x() == 0 && object.y() == 0 && object.w() == image.width() && object.h() == image.height()
        ? image : image.crop(object);
  }
}
