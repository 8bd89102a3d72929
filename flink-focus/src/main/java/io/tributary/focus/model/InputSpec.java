package io.tributary.focus.model;

import io.tributary.common.model.Architecture;
import io.tributary.connectors.video.BgrImage;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * How a model wants its image input: size, channel order, scaling, per-channel mean and standard
 * deviation, and whether to letterbox (keep the aspect ratio, pad) or stretch.
 *
 * @param rgb true for RGB channel order, false for BGR
 * @param scale multiplier applied to 0-255 pixel values before normalising (1/255 or 1)
 * @param letterboxing how images are letterboxed, or null to stretch them to the input size
 */
public record InputSpec(int width, int height, boolean rgb, float scale, float[] mean, float[] std,
    Letterbox letterboxing) implements Serializable {
  /**
   * Letterboxing: the image keeps its aspect ratio and the rest of the input is padding.
   *
   * @param padValue pixel value (0-255) of the padding
   * @param topLeft the image sits at the top-left (YOLOX's convention) rather than centred
   */
  public record Letterbox(int padValue, boolean topLeft) implements Serializable {}

  public InputSpec {
    if (width < 1 || height < 1 || mean.length != 3 || std.length != 3) {
      throw new IllegalArgumentException("bad model input spec " + width + "x" + height);
    }
  }

  /** Whether images are letterboxed (aspect ratio kept, padded) rather than stretched. */
  public boolean letterbox() {
    return letterboxing != null;
  }

  /** Pixel value (0-255) of letterbox padding; 0 for stretched inputs. */
  public int padValue() {
    return letterboxing == null ? 0 : letterboxing.padValue();
  }

  /** Whether letterboxed images sit at the top-left rather than centred. */
  public boolean topLeft() {
    return letterboxing != null && letterboxing.topLeft();
  }

  /** The input of a built-in crop network ({@link Architecture#isCropNetwork()}). */
  public static InputSpec builtin(Architecture arch) {
    return builtin(arch.inputSize(), arch.letterbox());
  }

  /**
   * The built-in networks' input: square, BGR, (v/255 - 0.5) / 0.25; letterboxed (centred, mid-grey
   * padding, aspect ratio kept: a bus stays long and a person tall) or stretched.
   */
  public static InputSpec builtin(int size, boolean letterbox) {
    return new InputSpec(size, size, false, 1f / 255, new float[] {0.5f, 0.5f, 0.5f},
        new float[] {0.25f, 0.25f, 0.25f}, letterbox ? new Letterbox(128, false) : null);
  }

  /** ImageNet-style classifier input: RGB, /255, ImageNet mean and std, stretched. */
  public static InputSpec imagenet(int size) {
    return new InputSpec(size, size, true, 1f / 255, new float[] {0.485f, 0.456f, 0.406f},
        new float[] {0.229f, 0.224f, 0.225f}, null);
  }

  /** YOLOX's input: BGR, 0-255 unscaled, letterboxed at the top-left with 114 padding. */
  public static InputSpec yolox(int size) {
    return new InputSpec(size, size, false, 1f, new float[] {0, 0, 0}, new float[] {1, 1, 1}, new Letterbox(114, true));
  }

  @Override
  public String toString() {
    // Part of the built-in model cache's key (BuiltinModels): the text must not change.
    return width + "x" + height + (rgb ? " RGB" : " BGR") + " scale=" + scale + " mean=" + Arrays.toString(mean)
        + " std=" + Arrays.toString(std) + (letterbox() ? " letterbox pad=" + padValue() + (topLeft() ? " top-left"
        : " centred") : " stretched");
  }

  /** The scale factor a letterboxed image of {@code w x h} is resized by. */
  public float letterboxScale(int w, int h) {
    return Math.min((float) width / w, (float) height / h);
  }

  /** NCHW floats for {@code images}, preprocessed as specified. */
  public float[] toTensor(List<BgrImage> images) {
    int plane = width * height;
    float[] out = new float[images.size() * 3 * plane];
    for (int n = 0; n < images.size(); n++) {
      BgrImage img = fit(images.get(n));
      byte[] px = img.bgr();
      int base = n * 3 * plane;
      for (int c = 0; c < 3; c++) {
        int src = rgb ? 2 - c : c;
        float m = mean[c];
        float inv = 1f / std[c];
        int o = base + c * plane;
        for (int p = 0, i = src; p < plane; p++, i += 3) {
          out[o + p] = ((px[i] & 0xff) * scale - m) * inv;
        }
      }
    }
    return out;
  }

  private BgrImage fit(BgrImage img) {
    if (letterboxing == null) {
      return img.resize(width, height);
    }
    float s = letterboxScale(img.width(), img.height());
    int nw = Math.max(1, Math.round(img.width() * s));
    int nh = Math.max(1, Math.round(img.height() * s));
    BgrImage r = img.resize(Math.min(nw, width), Math.min(nh, height));
    byte[] out = new byte[width * height * 3];
    Arrays.fill(out, (byte) letterboxing.padValue());
    int ox = letterboxing.topLeft() ? 0 : (width - r.width()) / 2;
    int oy = letterboxing.topLeft() ? 0 : (height - r.height()) / 2;
    for (int y = 0; y < r.height(); y++) {
      System.arraycopy(r.bgr(), y * r.width() * 3, out, ((y + oy) * width + ox) * 3, r.width() * 3);
    }
    return new BgrImage(width, height, out);
  }
}
