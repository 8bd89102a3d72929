package io.tributary.common.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.data.Corpus;
import io.tributary.common.data.DatasetLocator;
import io.tributary.common.data.LabeledDataset;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PartitionerTest {
  /** 10 classes, unequal sizes (1000 + 37c), in a scrambled order. */
  private static int[] labels() {
    int n = 0;
    for (int c = 0; c < 10; c++) {
      n += 1000 + 37 * c;
    }
    int[] y = new int[n];
    int o = 0;
    for (int c = 0; c < 10; c++) {
      for (int i = 0; i < 1000 + 37 * c; i++) {
        y[o++] = c;
      }
    }
    Random r = new Random(7);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = y[i];
      y[i] = y[j];
      y[j] = t;
    }
    return y;
  }

  private static final List<String> SPECS = List.of("iid", "label-skew", "noniid:20", "noniid:60", "dirichlet:0.1",
      "dirichlet:100", "quantity:1.5", "quantity-dirichlet:0.5");

  @Test
  void everySampleExactlyOnceAndAscending() {
    int[] y = labels();
    for (String spec : SPECS) {
      Partitioning p = Partitioners.parse(spec).partition(y, 10, 5, 42);
      int[] seen = new int[y.length];
      for (int k = 0; k < p.numPartitions(); k++) {
        int[] part = p.partition(k);
        assertTrue(part.length > 0, spec + ": partition " + k + " is empty");
        for (int i = 0; i < part.length; i++) {
          seen[part[i]]++;
          if (i > 0) {
            assertTrue(part[i] > part[i - 1], spec + ": positions ascending");
          }
        }
      }
      for (int i = 0; i < seen.length; i++) {
        assertEquals(1, seen[i], spec + ": sample " + i);
      }
      assertEquals(spec, p.spec());
      assertEquals(42, p.seed());
    }
  }

  @Test
  void sameSeedSamePartitionsDifferentSeedDifferent() {
    int[] y = labels();
    for (String spec : SPECS) {
      Partitioner part = Partitioners.parse(spec);
      int[][] a = part.partition(y, 10, 5, 1).partitions();
      int[][] b = Partitioners.parse(spec).partition(y.clone(), 10, 5, 1).partitions();
      int[][] c = part.partition(y, 10, 5, 2).partitions();
      assertTrue(Arrays.deepEquals(a, b), spec + " is deterministic");
      if (spec.equals("label-skew")) {
        assertTrue(Arrays.deepEquals(a, c), "strict label skew has nothing random in it");
      } else {
        assertFalse(Arrays.deepEquals(a, c), spec + " depends on the seed");
      }
    }
  }

  @Test
  void labelSkewPutsExactlyClassesKAndKPlus5InPartitionK() {
    int[] y = labels();
    Partitioning p = Partitioners.parse("label-skew").partition(y, 10, 5, 3);
    long[][] h = p.classHistogram();
    long[] total = new long[10];
    for (int l : y) {
      total[l]++;
    }
    for (int k = 0; k < 5; k++) {
      for (int c = 0; c < 10; c++) {
        long want = (c == k || c == k + 5) ? total[c] : 0;
        assertEquals(want, h[k][c], "partition " + k + " class " + c);
      }
    }
    // ImageNet-style: 2 partitions of many classes split by parity
    int[] many = new int[4000];
    for (int i = 0; i < many.length; i++) {
      many[i] = i % 1000;
    }
    Partitioning two = NonIidPartitioner.labelSkew().partition(many, 1000, 2, 0);
    for (int pos : two.partition(1)) {
      assertEquals(1, many[pos] % 2);
    }
    assertEquals(2000, two.size(0));
  }

  @Test
  void xPercentNonIidPlacesThatFractionByLabel() {
    int[] y = labels();
    long[] total = new long[10];
    for (int l : y) {
      total[l]++;
    }
    for (int x : new int[] {0, 20, 60, 80, 100}) {
      Partitioning p = new NonIidPartitioner(x).partition(y, 10, 5, 11);
      long byLabel = 0;
      for (long t : total) {
        byLabel += Math.round(x / 100.0 * t);
      }
      assertTrue(p.facts().get("placed by label").startsWith(byLabel + " of " + y.length), p.facts().toString());
      assertEquals(x / 100.0, (double) byLabel / y.length, 0.001);
      // Class c's home partition holds its by-label share plus about 1/K of the IID rest.
      long[][] h = p.classHistogram();
      for (int c = 0; c < 10; c++) {
        double home = (double) h[c % 5][c] / total[c];
        double expected = x / 100.0 + (1 - x / 100.0) / 5;
        assertEquals(expected, home, 0.04, "x=" + x + " class " + c);
        for (int k = 0; k < 5; k++) {
          if (k != c % 5) {
            double away = (double) h[k][c] / total[c];
            assertEquals((1 - x / 100.0) / 5, away, 0.04, "x=" + x + " class " + c + " partition " + k);
          }
        }
      }
    }
    // 0% is IID: every partition within a sample of balanced sizes
    Partitioning iidLike = new NonIidPartitioner(0).partition(y, 10, 5, 11);
    for (int k = 0; k < 5; k++) {
      assertEquals(y.length / 5.0, iidLike.size(k), 1.0);
    }
  }

  @Test
  void iidDealsRoundRobin() {
    int[] y = labels();
    Partitioning p = new IidPartitioner().partition(y, 10, 7, 5);
    for (int k = 0; k < 7; k++) {
      assertEquals(y.length / 7.0, p.size(k), 1.0);
    }
    for (double tv : p.labelDivergence()) {
      assertTrue(tv < 0.05, "IID partitions look like the whole: " + tv);
    }
  }

  @Test
  void dirichletSmallAlphaIsSkewedLargeAlphaNearUniform() {
    int[] y = labels();
    Partitioning skewed = new DirichletPartitioner(0.1).partition(y, 10, 5, 9);
    Partitioning uniform = new DirichletPartitioner(1000).partition(y, 10, 5, 9);
    double skewedTv = Arrays.stream(skewed.labelDivergence()).average().orElseThrow();
    double uniformTv = Arrays.stream(uniform.labelDivergence()).average().orElseThrow();
    assertTrue(skewedTv > 0.4, "alpha 0.1 gives partitions far from the global label mix: " + skewedTv);
    assertTrue(uniformTv < 0.05, "alpha 1000 is close to IID: " + uniformTv);
    // with alpha 0.1, most of each class sits in one partition
    long[][] h = skewed.classHistogram();
    double dominant = 0;
    for (int c = 0; c < 10; c++) {
      long max = 0;
      long sum = 0;
      for (int k = 0; k < 5; k++) {
        max = Math.max(max, h[k][c]);
        sum += h[k][c];
      }
      dominant += (double) max / sum / 10;
    }
    assertTrue(dominant > 0.7, "largest share per class averages " + dominant);
  }

  @Test
  void quantitySkewHasSkewedSizesAndIidLabels() {
    int[] y = labels();
    Partitioning p = QuantitySkewPartitioner.powerLaw(1.5).partition(y, 10, 5, 4);
    int[] sizes = new int[5];
    for (int k = 0; k < 5; k++) {
      sizes[k] = p.size(k);
    }
    int[] sorted = sizes.clone();
    Arrays.sort(sorted);
    // shares 1 : 2^-1.5 : 3^-1.5 : 4^-1.5 : 5^-1.5 -> largest / smallest = 5^1.5 = 11.2
    assertEquals(Math.pow(5, 1.5), (double) sorted[4] / sorted[0], 0.05);
    double[] tv = p.labelDivergence();
    for (int k = 0; k < 5; k++) {
      assertTrue(tv[k] < 0.08, "labels stay IID in partition " + k + ": " + tv[k]);
    }
    Partitioning equal = QuantitySkewPartitioner.powerLaw(0).partition(y, 10, 5, 4);
    for (int k = 0; k < 5; k++) {
      assertEquals(y.length / 5.0, equal.size(k), 1.0);
    }
  }

  @Test
  void specsParseRoundTripAndRejectNonsense() {
    for (String spec : SPECS) {
      Partitioner p = Partitioners.parse(spec);
      assertEquals(spec, p.spec());
      assertEquals(p, Partitioners.parse(p.spec()));
    }
    assertEquals("label-skew", Partitioners.parse("noniid").spec());
    assertEquals("label-skew", Partitioners.parse("NONIID:100%").spec());
    assertEquals("noniid:60", Partitioners.parse(" noniid:60% ").spec());
    assertEquals("noniid:12.5", Partitioners.parse("noniid:12.5").spec());
    assertEquals("60", Partitioners.parse("noniid:60").parameters().get("percent"));
    for (String bad : new String[] {"", "iid:3", "noniid:120", "noniid:x", "dirichlet", "dirichlet:0", "dirichlet:-1",
        "quantity:-2", "zipf:2"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Partitioners.parse(bad), bad);
      assertTrue(e.getMessage().contains("expected one of"), e.getMessage());
    }
  }

  @Test
  void rejectsImpossibleInputs() {
    assertThrows(IllegalArgumentException.class, () -> NonIidPartitioner.labelSkew().partition(new int[100], 3, 5, 0));
    assertThrows(IllegalArgumentException.class, () -> new IidPartitioner().partition(new int[] {0, 4}, 3, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> new IidPartitioner().partition(new int[4], 1, 0, 0));
    // unlabelled data: IID works, label skew does not
    assertEquals(3, new IidPartitioner().partition(9, 3, 0).size(2));
    assertThrows(IllegalArgumentException.class, () -> NonIidPartitioner.labelSkew().partition(9, 3, 0));
  }

  @Test
  void describeFormatsTheClassHistogram() {
    int[] y = labels();
    Partitioning p = Partitioners.parse("noniid:60").partition(y, 10, 5, 42)
        .withClassNames(List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"));
    String d = p.describe();
    assertTrue(d.startsWith("partitioning noniid:60 seed=42: " + y.length + " samples, 10 classes -> 5 partitions"),
        d);
    assertTrue(d.contains("placed by label"), d);
    assertTrue(d.contains("seven"), d);
    long[][] h = p.classHistogram();
    String row0 = d.lines().filter(l -> l.strip().startsWith("0 ")).findFirst().orElseThrow();
    assertTrue(row0.contains(" " + h[0][5]), row0);
    // many classes: the compact form lists the largest classes
    int[] many = new int[3000];
    for (int i = 0; i < many.length; i++) {
      many[i] = i % 100;
    }
    String compact = NonIidPartitioner.labelSkew().partition(many, 100, 2, 0).describe();
    assertTrue(compact.contains("largest classes") && compact.contains(" 50 |"), compact);
    assertNotEquals(-1, p.toString().indexOf("noniid:60"));
  }

  @Test
  void partitionsCorporaByDocumentLabel() {
    Corpus c = Corpus.of("c", List.of("w"), new int[] {0, 1, 2, 2, 3}, new int[] {0, 0, 0}, new int[] {1, 2, 3},
        new int[] {0, 1, 0, 1}, List.of("even", "odd"));
    Partitioning p = NonIidPartitioner.labelSkew().partition(c, 2, 0);
    assertArrayEquals(new int[] {0, 2}, p.partition(0));
    assertTrue(p.describe().contains("even"));
  }

  @Test
  void partitionsRealImageData() throws IOException {
    var ds = DatasetLocator.realImageDataset(false);
    Assumptions.assumeTrue(ds.isPresent(), "no real image dataset installed");
    LabeledDataset data = ds.get();
    Partitioning p = Partitioners.parse("label-skew").partition(data, 5, 1);
    System.out.print(p.describe());
    List<LabeledDataset> parts = p.apply(data);
    for (int k = 0; k < 5; k++) {
      long[] h = parts.get(k).classHistogram();
      for (int c = 0; c < 10; c++) {
        assertEquals(c % 5 == k, h[c] > 0, "partition " + k + " class " + c);
      }
    }
    assertArrayEquals(p.partition(0), Partitioners.parse("label-skew").partition(data, 5, 1).partition(0));
  }
}
