package io.tributary.connectors.video.synthetic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The object classes the video generator renders. Each has a distinct silhouette, palette and
 * texture, so a small CNN trained by the project learns them in seconds, while look-alikes (car,
 * truck, bus; person, dog) keep a cheap CNN's top-1 honest and its top-K useful.
 */
public enum SyntheticClass {
  PERSON("person", 12, 30, Lane.Kind.SIDEWALK),
  CAR("car", 46, 20, Lane.Kind.ROAD),
  BUS("bus", 92, 32, Lane.Kind.ROAD),
  TRUCK("truck", 70, 30, Lane.Kind.ROAD),
  BICYCLE("bicycle", 26, 20, Lane.Kind.ROAD),
  DOG("dog", 18, 12, Lane.Kind.SIDEWALK);

  private final String label;
  private final int baseWidth;
  private final int baseHeight;
  private final Lane.Kind laneKind;

  SyntheticClass(String label, int baseWidth, int baseHeight, Lane.Kind laneKind) {
    this.label = label;
    this.baseWidth = baseWidth;
    this.baseHeight = baseHeight;
    this.laneKind = laneKind;
  }

  /** The class name (COCO's name for the same thing). */
  public String label() {
    return label;
  }

  /** Width in pixels at scale 1 in a 320x240 frame. */
  public int baseWidth() {
    return baseWidth;
  }

  public int baseHeight() {
    return baseHeight;
  }

  Lane.Kind laneKind() {
    return laneKind;
  }

  /** All labels, in ordinal order. */
  public static List<String> labels() {
    return Arrays.stream(values()).map(SyntheticClass::label).toList();
  }

  /** The class with {@code label}, or an error listing the known ones. */
  public static SyntheticClass of(String label) {
    for (SyntheticClass c : values()) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown generated class '" + label + "'; known: " + labels());
  }

  /** Per-object appearance drawn once at spawn: colours, small shape variations. */
  record Look(Color main, Color second, Color third, double variant) {}

  Look randomLook(Random rnd) {
    return switch (this) {
      case PERSON -> new Look(pick(rnd, SHIRTS), pick(rnd, TROUSERS), pick(rnd, SKIN), rnd.nextDouble());
      case CAR -> new Look(pick(rnd, CAR_PAINT), new Color(40, 50, 70), Color.BLACK, rnd.nextDouble());
      case BUS -> new Look(pick(rnd, BUS_PAINT), new Color(60, 80, 110), Color.BLACK, rnd.nextDouble());
      case TRUCK -> new Look(jitter(rnd, new Color(225, 225, 220), 15), pick(rnd, CAR_PAINT),
          Color.BLACK, rnd.nextDouble());
      case BICYCLE -> new Look(pick(rnd, BIKE_FRAME), new Color(25, 25, 25), pick(rnd, SHIRTS),
          rnd.nextDouble());
      case DOG -> new Look(pick(rnd, DOG_FUR), new Color(30, 25, 20), Color.BLACK, rnd.nextDouble());
    };
  }

  /**
   * Draws the object with its box's top-left at (x, y), size w x h, facing right when
   * {@code facingRight}. {@code phase} animates legs/wheels.
   */
  void draw(Graphics2D g, Look look, int x, int y, int w, int h, boolean facingRight, double phase) {
    switch (this) {
      case PERSON -> {
        int headR = Math.max(2, w / 2);
        g.setColor(look.third());
        g.fillOval(x + w / 2 - headR / 2 - 1, y, headR + 2, headR + 2);
        g.setColor(look.main());
        g.fillRoundRect(x, y + headR + 1, w, (int) (h * 0.45), 4, 4);
        g.setColor(look.second());
        int legTop = y + headR + 1 + (int) (h * 0.45);
        int legH = y + h - legTop;
        int swing = (int) Math.round(Math.sin(phase) * w * 0.25);
        g.fillRect(x + w / 4 - 1 + swing, legTop, Math.max(2, w / 3), legH);
        g.fillRect(x + w / 2 - swing, legTop, Math.max(2, w / 3), legH);
      }
      case CAR -> {
        int bodyTop = y + h * 2 / 5;
        g.setColor(look.main());
        g.fillRoundRect(x, bodyTop, w, h * 2 / 5, 6, 6);
        int cabX = x + w / 5 + (facingRight ? 0 : w / 10);
        g.fillRoundRect(cabX, y + h / 10, w * 3 / 5 - w / 10, h * 2 / 5, 8, 8);
        g.setColor(look.second());
        g.fillRect(cabX + 3, y + h / 10 + 3, w * 3 / 5 - w / 10 - 6, h / 4);
        g.setColor(look.third());
        int r = Math.max(4, h * 3 / 10);
        g.fillOval(x + w / 6 - r / 2, y + h - r, r, r);
        g.fillOval(x + w * 5 / 6 - r / 2, y + h - r, r, r);
      }
      case BUS -> {
        g.setColor(look.main());
        g.fillRoundRect(x, y, w, h - h / 6, 6, 6);
        g.setColor(look.second());
        int win = Math.max(5, w / 9);
        for (int wx = x + 4; wx + win < x + w - 3; wx += win + 3) {
          g.fillRect(wx, y + h / 6, win, h / 4);
        }
        g.setColor(Color.WHITE);
        g.fillRect(x, y + h / 2, w, 2);
        g.setColor(look.third());
        int r = Math.max(5, h / 4);
        g.fillOval(x + w / 7, y + h - r, r, r);
        g.fillOval(x + w * 5 / 7, y + h - r, r, r);
      }
      case TRUCK -> {
        int cabW = w / 4;
        int boxX = facingRight ? x : x + cabW;
        int cabX = facingRight ? x + w - cabW : x;
        g.setColor(look.main());
        g.fillRect(boxX, y, w - cabW - 2, h * 4 / 5);
        g.setColor(look.main().darker());
        g.drawLine(boxX + 2, y + h / 3, boxX + w - cabW - 4, y + h / 3);
        g.setColor(look.second());
        g.fillRoundRect(cabX, y + h / 4, cabW, h * 11 / 20, 5, 5);
        g.setColor(new Color(60, 80, 110));
        g.fillRect(cabX + cabW / 4, y + h / 4 + 3, cabW / 2, h / 6);
        g.setColor(look.third());
        int r = Math.max(5, h / 4);
        g.fillOval(x + w / 8, y + h - r, r, r);
        g.fillOval(x + w / 2 - r / 2, y + h - r, r, r);
        g.fillOval(x + w * 7 / 8 - r, y + h - r, r, r);
      }
      case BICYCLE -> {
        g.setStroke(new BasicStroke(2f));
        g.setColor(look.second());
        int r = Math.max(6, h / 2);
        g.drawOval(x, y + h - r, r, r);
        g.drawOval(x + w - r, y + h - r, r, r);
        g.setColor(look.main());
        int cx1 = x + r / 2;
        int cx2 = x + w - r / 2;
        int cy = y + h - r / 2;
        g.drawLine(cx1, cy, x + w / 2, cy - r / 2);
        g.drawLine(x + w / 2, cy - r / 2, cx2, cy);
        g.drawLine(x + w / 2, cy - r / 2, x + w / 2, y + h / 4);
        g.setColor(look.third());
        g.fillRect(x + w / 2 - 2, y, 5, h / 3);
        g.setStroke(new BasicStroke(1f));
      }
      case DOG -> {
        g.setColor(look.main());
        g.fillOval(x + w / 6, y + h / 5, w * 2 / 3, h / 2);
        int headX = facingRight ? x + w * 2 / 3 : x;
        g.fillOval(headX, y, w / 3 + 1, h / 2);
        g.setColor(look.second());
        int swing = (int) Math.round(Math.sin(phase) * 2);
        g.fillRect(x + w / 4 + swing, y + h * 3 / 5, 2, h * 2 / 5);
        g.fillRect(x + w * 2 / 3 - swing, y + h * 3 / 5, 2, h * 2 / 5);
        g.setColor(look.main().darker());
        int tailX = facingRight ? x : x + w - 3;
        g.fillRect(tailX, y + h / 5, 3, 2);
      }
    }
  }

  private static final Color[] SHIRTS = {new Color(200, 40, 40), new Color(40, 90, 200),
      new Color(30, 150, 60), new Color(230, 200, 40), new Color(240, 240, 240), new Color(140, 60, 160),
      new Color(250, 130, 30)};
  private static final Color[] TROUSERS = {new Color(30, 30, 60), new Color(60, 50, 40),
      new Color(20, 20, 20), new Color(90, 90, 100)};
  private static final Color[] SKIN = {new Color(240, 200, 170), new Color(200, 150, 110),
      new Color(140, 95, 60), new Color(90, 60, 40)};
  private static final Color[] CAR_PAINT = {new Color(200, 30, 30), new Color(30, 60, 180),
      new Color(235, 235, 235), new Color(25, 25, 25), new Color(160, 165, 170), new Color(20, 120, 60)};
  private static final Color[] BUS_PAINT = {new Color(245, 200, 20), new Color(240, 130, 20),
      new Color(30, 110, 200)};
  private static final Color[] BIKE_FRAME = {new Color(220, 30, 30), new Color(30, 180, 220),
      new Color(240, 240, 240), new Color(250, 200, 0)};
  private static final Color[] DOG_FUR = {new Color(140, 90, 40), new Color(60, 40, 25),
      new Color(210, 180, 120), new Color(240, 240, 235)};

  private static Color pick(Random rnd, Color[] palette) {
    return jitter(rnd, palette[rnd.nextInt(palette.length)], 12);
  }

  private static Color jitter(Random rnd, Color c, int amount) {
    return new Color(clamp(c.getRed() + rnd.nextInt(2 * amount + 1) - amount),
        clamp(c.getGreen() + rnd.nextInt(2 * amount + 1) - amount),
        clamp(c.getBlue() + rnd.nextInt(2 * amount + 1) - amount));
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
