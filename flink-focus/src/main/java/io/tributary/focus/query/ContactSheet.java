package io.tributary.focus.query;

import io.tributary.common.io.AtomicFiles;
import io.tributary.connectors.index.ClusterRow;
import io.tributary.connectors.video.BgrImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;

/** A PNG grid of the centroid crops of the clusters a query verified, each labelled with camera, time and size. */
public final class ContactSheet {
  private ContactSheet() {}

  private static final int TILE = 96;

  /** Writes at most {@code columns * 8} tiles; returns the number drawn. */
  public static int write(List<ClusterRow> clusters, Path png, int columns) throws IOException {
    int n = Math.min(clusters.size(), columns * 8);
    int rows = Math.max(1, (n + columns - 1) / columns);
    BufferedImage sheet = new BufferedImage(columns * TILE, rows * (TILE + 14), BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = sheet.createGraphics();
    g.setColor(Color.DARK_GRAY);
    g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
    for (int i = 0; i < n; i++) {
      ClusterRow c = clusters.get(i);
      BgrImage crop = BgrImage.fromEncoded(c.centroidCrop, "centroid crop of cluster " + c.camera + "/" + c.clusterId);
      float s = Math.min((float) TILE / crop.width(), (float) TILE / crop.height());
      int w = Math.max(1, Math.round(crop.width() * s));
      int h = Math.max(1, Math.round(crop.height() * s));
      int x = (i % columns) * TILE;
      int y = (i / columns) * (TILE + 14);
      g.drawImage(crop.resize(w, h).toBufferedImage(), x + (TILE - w) / 2, y + (TILE - h) / 2, null);
      g.setColor(Color.WHITE);
      g.drawString(c.camera + " " + Instant.ofEpochMilli(c.firstTs).toString().substring(11, 19) + " n=" + c.count,
          x + 2, y + TILE + 11);
    }
    g.dispose();
    AtomicFiles.write(png, tmp -> {
      if (!ImageIO.write(sheet, "png", tmp.toFile())) {
        throw new IOException("no PNG writer for " + png);
      }
    });
    return n;
  }
}
