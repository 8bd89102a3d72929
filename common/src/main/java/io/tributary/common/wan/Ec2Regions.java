package io.tributary.common.wan;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The 11 Amazon EC2 regions of the Gaia measurements (thesis §5.1.1): ids, AWS codes, continent
 * groups, and the round-trip times the WAN model is built on (see {@link WanTopology#named}).
 */
final class Ec2Regions {
  private Ec2Regions() {}

  /** Region ids in the thesis's order (Figure 5.1). */
  static final List<String> IDS = List.of("virginia", "california", "oregon", "ireland", "frankfurt", "tokyo", "seoul",
      "singapore", "sydney", "mumbai", "sao-paulo");
  /** AWS region codes, same order. */
  static final List<String> AWS_CODES = List.of("us-east-1", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1",
      "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "ap-south-1", "sa-east-1");
  /** Display names, same order. */
  static final List<String> DISPLAY = List.of("Virginia", "California", "Oregon", "Ireland", "Frankfurt", "Tokyo",
      "Seoul", "Singapore", "Sydney", "Mumbai", "São Paulo");
  /** Continent groups for Gaia's hub overlay, same order. */
  static final List<String> GROUPS = List.of("north-america", "north-america", "north-america", "europe", "europe",
      "asia-pacific", "asia-pacific", "asia-pacific", "asia-pacific", "asia-pacific", "south-america");

  /**
   * Typical inter-region round-trip times in ms (upper triangle, row by row in {@link #IDS}
   * order), as public EC2 inter-region ping tables reported them around 2017. They follow the
   * geography: about 20 ms within a coast (Oregon-California), 60-90 ms across the US or the
   * Atlantic, 150-250 ms to Asia, 300+ ms between Asia/Oceania and South America.
   */
  private static final double[][] RTT_UPPER = {
      // CA   OR   IE   FR   TK   SE   SG   SY   MU   SP
      {62, 75, 68, 88, 150, 180, 220, 200, 185, 118}, // virginia
      {20, 138, 147, 108, 135, 170, 148, 235, 180}, // california
      {128, 160, 97, 125, 160, 160, 220, 178}, // oregon
      {22, 210, 235, 175, 260, 120, 185}, // ireland
      {230, 250, 160, 290, 110, 200}, // frankfurt
      {33, 70, 105, 125, 255}, // tokyo
      {75, 135, 145, 290}, // seoul
      {92, 58, 330}, // singapore
      {150, 310}, // sydney
      {305}, // mumbai
  };

  /** Symmetric RTT matrix in ms (0 on the diagonal). */
  static double[][] rttMillis() {
    int n = IDS.size();
    double[][] m = new double[n][n];
    for (int i = 0; i < n - 1; i++) {
      for (int j = i + 1; j < n; j++) {
        m[i][j] = RTT_UPPER[i][j - i - 1];
        m[j][i] = m[i][j];
      }
    }
    return m;
  }

  private static final Map<String, String> ALIASES = new HashMap<>();

  static {
    for (int i = 0; i < IDS.size(); i++) {
      ALIASES.put(IDS.get(i), IDS.get(i));
      ALIASES.put(AWS_CODES.get(i), IDS.get(i));
      ALIASES.put(key(DISPLAY.get(i)), IDS.get(i));
    }
    ALIASES.put("n-virginia", "virginia");
    ALIASES.put("n-california", "california");
  }

  /** Lowercase, accents removed, spaces/underscores/dots as dashes: "São Paulo" -> "sao-paulo". */
  static String key(String name) {
    String n = Normalizer.normalize(name.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return n.toLowerCase(Locale.ROOT).replaceAll("[\\s_.]+", "-");
  }

  /** The canonical region id for a name, AWS code or display name; or the normalised key itself. */
  static String canonical(String region) {
    String k = key(region);
    return ALIASES.getOrDefault(k, k);
  }
}
