package io.tributary.common.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLocatorTest {
  @TempDir Path dir;

  @Test
  void findsRepositoryRootAboveWorkingDirectory() {
    String saved = System.getProperty("tributary.root");
    try {
      System.clearProperty("tributary.root");
      Optional<Path> root = DatasetLocator.repoRoot();
      assertTrue(root.isPresent(), "tests run inside the repository");
      assertTrue(Files.isRegularFile(root.get().resolve("tributary")));
      assertTrue(Files.isDirectory(root.get().resolve("common")));
    } finally {
      if (saved != null) {
        System.setProperty("tributary.root", saved);
      }
    }
  }

  @Test
  void propertiesOverrideLocations() throws IOException {
    String savedShared = System.getProperty("tributary.shared.data");
    String savedMnist = System.getProperty("tributary.mnist");
    try {
      System.setProperty("tributary.shared.data", dir.toString());
      assertEquals(Optional.of(dir.toAbsolutePath().normalize()), DatasetLocator.sharedData());
      assertTrue(DatasetLocator.cifar10Tar().isEmpty());
      System.setProperty("tributary.mnist", dir.toString());
      assertTrue(DatasetLocator.mnist().isEmpty(), "an empty directory is not MNIST");
      for (String f : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
          "t10k-labels-idx1-ubyte"}) {
        boolean images = f.contains("images");
        Fixtures.write(dir.resolve(f), images ? Fixtures.idx(new int[] {2, 28, 28}, new byte[2 * 784])
            : Fixtures.idx(new int[] {2}, new byte[] {4, 2}));
      }
      assertEquals(Optional.of(dir), DatasetLocator.mnist());
      LabeledDataset test = DatasetLocator.loadMnist(false);
      assertEquals(2, test.size());
      assertEquals(4, test.label(0));
    } finally {
      restore("tributary.shared.data", savedShared);
      restore("tributary.mnist", savedMnist);
    }
  }

  @Test
  void realImageDatasetPrefersFashionMnistAndIsCached() throws IOException {
    Assumptions.assumeTrue(DatasetLocator.fashionMnist().isPresent() || DatasetLocator.mnist().isPresent(),
        "neither Fashion-MNIST nor MNIST installed");
    LabeledDataset a = DatasetLocator.realImageDataset(false).orElseThrow();
    LabeledDataset b = DatasetLocator.realImageDataset(false).orElseThrow();
    assertSame(a, b);
    assertEquals(DatasetLocator.fashionMnist().isPresent() ? "fashion-mnist-test" : "mnist-test", a.name());
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
