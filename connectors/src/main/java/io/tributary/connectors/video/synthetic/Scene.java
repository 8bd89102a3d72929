package io.tributary.connectors.video.synthetic;

import io.tributary.connectors.video.BgrImage;
import io.tributary.connectors.video.Box;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * The generator's simulation: a static street scene and objects crossing it along lanes, advanced
 * one frame at a time. Deterministic for a given {@link SceneConfig} (all randomness comes from its
 * seed), so the same config renders the same pixels and the same truth every time.
 */
public final class Scene implements Iterator<RenderedFrame> {
  private final SceneConfig cfg;
  private final Random rnd;
  private final BufferedImage background;
  private final BufferedImage canvas;
  private final List<Lane> lanes;
  private final List<Moving> objects = new ArrayList<>();
  private final double[] cumulativeWeights;
  private final SyntheticClass[] weightedClasses;
  private final short[] noise;
  private final double widthScale;
  private int frame;
  private long nextObjectId;

  private static final class Moving {
    long id;
    SyntheticClass cls;
    SyntheticClass.Look look;
    Lane lane;
    double x;
    double speed;
    int w;
    int h;
    double phase;
  }

  public Scene(SceneConfig cfg) {
    this.cfg = cfg;
    this.rnd = new Random(cfg.seed());
    this.widthScale = cfg.width() / 320.0;
    this.lanes = lanes(cfg.occlusion());
    this.background = renderBackground(new Random(cfg.seed() * 31 + 7));
    this.canvas = new BufferedImage(cfg.width(), cfg.height(), BufferedImage.TYPE_3BYTE_BGR);
    Map<SyntheticClass, Double> w = cfg.classWeights();
    weightedClasses = w.keySet().toArray(new SyntheticClass[0]);
    cumulativeWeights = new double[weightedClasses.length];
    double sum = 0;
    for (int i = 0; i < weightedClasses.length; i++) {
      sum += w.get(weightedClasses[i]);
      cumulativeWeights[i] = sum;
    }
    for (int i = 0; i < cumulativeWeights.length; i++) {
      cumulativeWeights[i] /= sum;
    }
    Random nr = new Random(cfg.seed() ^ 0x5DEECE66DL);
    noise = new short[1 << 16];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (short) Math.round(nr.nextGaussian() * cfg.noiseSigma());
    }
    // Start with the scene already populated, as a camera that has been running would be.
    double warm = 12;
    int steps = (int) Math.round(warm * cfg.fps());
    for (int i = 0; i < steps; i++) {
      step(1.0 / cfg.fps());
    }
  }

  /** The static background (no objects, no lighting change, no noise). */
  public BgrImage background() {
    return BgrImage.of(background);
  }

  @Override
  public boolean hasNext() {
    return frame < cfg.frameCount();
  }

  @Override
  public RenderedFrame next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    long tsUs = Math.round(frame * 1e6 / cfg.fps());
    RenderedFrame out = render(frame, tsUs);
    step(1.0 / cfg.fps());
    frame++;
    return out;
  }

  private static List<Lane> lanes(double occlusion) {
    // Baselines (object bottoms) as fractions of height; occlusion pulls the road lanes together.
    double spread = 1 - 0.45 * occlusion;
    double mid = 0.70;
    return List.of(
        new Lane(Lane.Kind.SIDEWALK, 0.47, true, 0.75),
        new Lane(Lane.Kind.ROAD, mid - 0.12 * spread, false, 0.85),
        new Lane(Lane.Kind.ROAD, mid, true, 0.95),
        new Lane(Lane.Kind.ROAD, mid + 0.12 * spread, false, 1.05),
        new Lane(Lane.Kind.SIDEWALK, 0.965, false, 1.15));
  }

  private void step(double dt) {
    for (Moving m : objects) {
      m.x += (m.lane.rightward() ? 1 : -1) * m.speed * dt;
      m.phase += m.speed * dt / 4;
    }
    objects.removeIf(m -> m.lane.rightward() ? m.x > cfg.width() : m.x + m.w < 0);
    if (rnd.nextDouble() < cfg.spawnPerSecond() * dt) {
      spawn();
    }
  }

  private void spawn() {
    double u = rnd.nextDouble();
    int pick = weightedClasses.length - 1;
    for (int i = 0; i < cumulativeWeights.length; i++) {
      if (u < cumulativeWeights[i]) {
        pick = i;
        break;
      }
    }
    SyntheticClass cls = weightedClasses[pick];
    List<Lane> options = lanes.stream().filter(l -> l.kind() == cls.laneKind()).toList();
    Lane lane = options.get(rnd.nextInt(options.size()));
    double scale = (cfg.sizeMin() + rnd.nextDouble() * (cfg.sizeMax() - cfg.sizeMin()))
        * lane.depthScale() * widthScale;
    Moving m = new Moving();
    m.cls = cls;
    m.look = cls.randomLook(rnd);
    m.lane = lane;
    m.w = Math.max(6, (int) Math.round(cls.baseWidth() * scale));
    m.h = Math.max(6, (int) Math.round(cls.baseHeight() * scale));
    double speed = cfg.speedMin() + rnd.nextDouble() * (cfg.speedMax() - cfg.speedMin());
    if (cls == SyntheticClass.PERSON || cls == SyntheticClass.DOG) {
      speed *= 0.5;
    }
    m.speed = speed * widthScale;
    m.x = lane.rightward() ? -m.w : cfg.width();
    m.phase = rnd.nextDouble() * Math.PI * 2;
    // Keep a gap behind the last object entering this lane; otherwise skip this spawn.
    for (Moving o : objects) {
      if (o.lane == lane) {
        double gap = lane.rightward() ? o.x - (m.x + m.w) : m.x - (o.x + o.w);
        if (gap < 6 * widthScale || o.speed < m.speed && gap < (m.speed - o.speed) * 20) {
          return;
        }
      }
    }
    m.id = nextObjectId++;
    objects.add(m);
  }

  private RenderedFrame render(int index, long tsUs) {
    Graphics2D g = canvas.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    g.drawImage(background, 0, 0, null);
    List<Moving> order = new ArrayList<>(objects);
    order.sort(Comparator.comparingDouble((Moving m) -> m.lane.baselineFraction()).thenComparingLong(m -> m.id));
    List<Box> boxes = new ArrayList<>();
    for (Moving m : order) {
      int x = (int) Math.round(m.x);
      int y = (int) Math.round(m.lane.baselineFraction() * cfg.height()) - m.h;
      m.cls.draw(g, m.look, x, y, m.w, m.h, m.lane.rightward(), m.phase);
      boxes.add(new Box(x, y, m.w, m.h));
    }
    g.dispose();
    List<TruthObject> truth = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      Box full = boxes.get(i);
      Box clipped = full.clip(cfg.width(), cfg.height());
      if (clipped.area() == 0) {
        continue;
      }
      int hidden = 0;
      for (int j = i + 1; j < order.size(); j++) {
        hidden = Math.max(hidden, clipped.intersection(boxes.get(j)));
      }
      double visible = (clipped.area() - hidden) / (double) full.area();
      truth.add(new TruthObject(order.get(i).id, order.get(i).cls, clipped, Math.max(0, visible)));
    }
    byte[] px = ((DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
    byte[] out = new byte[px.length];
    double t = tsUs / 1e6;
    double light = 1 + cfg.lightingDrift() * Math.sin(2 * Math.PI * t / cfg.lightingPeriodSeconds());
    int lut[] = new int[256];
    for (int v = 0; v < 256; v++) {
      lut[v] = (int) Math.round(v * light);
    }
    int off = rnd.nextInt(noise.length);
    int mask = noise.length - 1;
    boolean noisy = cfg.noiseSigma() > 0;
    for (int i = 0; i < px.length; i++) {
      int v = lut[px[i] & 0xff];
      if (noisy) {
        v += noise[(off + i * 7) & mask];
      }
      out[i] = (byte) (v < 0 ? 0 : Math.min(v, 255));
    }
    return new RenderedFrame(index, tsUs, new BgrImage(cfg.width(), cfg.height(), out), List.copyOf(truth));
  }

  private BufferedImage renderBackground(Random r) {
    int w = cfg.width();
    int h = cfg.height();
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = img.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(120, 170, 225), 0, h * 0.35f, new Color(200, 220, 235)));
    g.fillRect(0, 0, w, (int) (h * 0.42));
    // Buildings with window grids: static texture the background model must learn.
    int x = 0;
    while (x < w) {
      int bw = (int) ((30 + r.nextInt(40)) * widthScale);
      int top = (int) (h * (0.08 + r.nextDouble() * 0.2));
      Color wall = new Color(90 + r.nextInt(80), 80 + r.nextInt(60), 70 + r.nextInt(60));
      g.setColor(wall);
      g.fillRect(x, top, bw, (int) (h * 0.42) - top);
      g.setColor(wall.darker().darker());
      for (int wy = top + 4; wy < h * 0.40 - 4; wy += 9) {
        for (int wx = x + 3; wx < x + bw - 5; wx += 8) {
          g.fillRect(wx, wy, 4, 5);
        }
      }
      x += bw + r.nextInt(6);
    }
    // Far sidewalk, road, near sidewalk.
    g.setColor(new Color(175, 168, 155));
    g.fillRect(0, (int) (h * 0.42), w, (int) (h * 0.08));
    g.setColor(new Color(78, 80, 84));
    g.fillRect(0, (int) (h * 0.50), w, (int) (h * 0.38));
    g.setColor(new Color(230, 230, 225));
    for (int lx = 0; lx < w; lx += (int) (24 * widthScale)) {
      g.fillRect(lx, (int) (h * 0.64), (int) (12 * widthScale), 2);
      g.fillRect(lx + 6, (int) (h * 0.765), (int) (12 * widthScale), 2);
    }
    g.setColor(new Color(240, 200, 60));
    g.fillRect(0, (int) (h * 0.505), w, 2);
    g.setColor(new Color(165, 160, 150));
    g.fillRect(0, (int) (h * 0.88), w, h - (int) (h * 0.88));
    g.setColor(new Color(140, 135, 128));
    for (int lx = 0; lx < w; lx += (int) (16 * widthScale)) {
      g.drawLine(lx, (int) (h * 0.88), lx, h);
    }
    // Trees on the far sidewalk.
    for (int i = 0; i < 4; i++) {
      int tx = r.nextInt(w);
      g.setColor(new Color(100, 70, 40));
      g.fillRect(tx, (int) (h * 0.34), 3, (int) (h * 0.1));
      g.setColor(new Color(40 + r.nextInt(30), 110 + r.nextInt(40), 40));
      g.fillOval(tx - 9, (int) (h * 0.25), 21, 24);
    }
    g.dispose();
    return img;
  }
}
