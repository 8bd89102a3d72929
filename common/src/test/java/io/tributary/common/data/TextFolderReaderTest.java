package io.tributary.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFolderReaderTest {
  @TempDir Path dir;

  private static final String SPACE_1 = "From: someone@nasa.gov\nSubject: orbit rocket\nLines: 3\n\n"
      + "The rocket reached orbit. Orbit is nice!\n> quoted rocket launch\n";
  private static final String SPACE_2 = "From: x@y\nSubject: hello\n\nA rocket and the moon; moon moon.\n";
  private static final String HOCKEY_1 = "Subject: game\n\nThe puck hit the goal. Goal!! Rocket?\n";

  private Map<String, byte[]> files() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("news-train/sci.space/1", SPACE_1.getBytes(StandardCharsets.ISO_8859_1));
    m.put("news-train/sci.space/2", SPACE_2.getBytes(StandardCharsets.ISO_8859_1));
    m.put("news-train/rec.hockey/7", HOCKEY_1.getBytes(StandardCharsets.ISO_8859_1));
    m.put("news-test/rec.hockey/9", "Subject: q\n\nGoal goal rocket zebra\n".getBytes(StandardCharsets.ISO_8859_1));
    return m;
  }

  @Test
  void tokenisesStripsHeadersAndBuildsVocabulary() throws IOException {
    for (Map.Entry<String, byte[]> e : files().entrySet()) {
      Fixtures.write(dir.resolve("folder").resolve(e.getKey()), e.getValue());
    }
    Corpus c = new TextFolderReader().minDocFrequency(1).read(dir.resolve("folder"), "news-train");
    assertEquals(List.of("rec.hockey", "sci.space"), c.labelNames());
    assertArrayEquals(new int[] {0, 1, 1}, c.labels());
    // header words (from, subject, nasa, lines) are gone; stop words "the", "is", "and", "a" too
    for (String gone : List.of("from", "subject", "nasa", "lines", "the", "is", "and", "a")) {
      assertFalse(c.vocabulary().contains(gone), gone);
    }
    // rocket is in all 3 docs: the most frequent by document frequency comes first
    assertEquals("rocket", c.word(0));
    int moon = c.vocabulary().indexOf("moon");
    int[] ids = c.wordIds(2);
    int pos = Arrays.binarySearch(ids, moon);
    assertEquals(3, c.counts(2)[pos]);
  }

  @Test
  void minDocFrequencyMaxVocabularyAndQuotes() throws IOException {
    Path tgz = Fixtures.write(dir.resolve("news.tar.gz"), Fixtures.gzip(Fixtures.tar(files())));
    Corpus c = new TextFolderReader().minDocFrequency(2).read(tgz, "news-train");
    // only "rocket" is in 2+ documents ("orbit" twice in one body, once in a stripped header)
    assertEquals(List.of("rocket"), c.vocabulary());
    Corpus top2 = new TextFolderReader().minDocFrequency(1).maxVocabulary(2).read(tgz, "news-train");
    assertEquals(List.of("rocket", "goal"), top2.vocabulary()); // df 3, then df 1 alphabetically
    Corpus noQuotes = new TextFolderReader().minDocFrequency(1).stripQuotes(true).read(tgz, "news-train");
    assertFalse(noQuotes.vocabulary().contains("launch"));
    assertTrue(new TextFolderReader().minDocFrequency(1).read(tgz, "news-train").vocabulary().contains("launch"));
    assertEquals("news-train", c.name());
  }

  @Test
  void testSplitUsesTrainingVocabulary() throws IOException {
    Path tgz = Fixtures.write(dir.resolve("news.tar.gz"), Fixtures.gzip(Fixtures.tar(files())));
    TextFolderReader r = new TextFolderReader().minDocFrequency(1);
    Corpus train = r.read(tgz, "news-train");
    Corpus test = r.matching(train).read(tgz, "news-test");
    assertEquals(train.vocabulary(), test.vocabulary());
    assertEquals(train.labelNames(), test.labelNames());
    assertArrayEquals(new int[] {0}, test.labels());
    assertEquals(3, test.docLength(0)); // goal, goal, rocket; zebra is outside the vocabulary
  }

  @Test
  void missingAndEmptySourcesAreNamed() throws IOException {
    assertThrows(NoSuchFileException.class, () -> new TextFolderReader().read(dir.resolve("nope"), ""));
    Path tgz = Fixtures.write(dir.resolve("news.tar.gz"), Fixtures.gzip(Fixtures.tar(files())));
    DatasetFormatException e = assertThrows(DatasetFormatException.class,
        () -> new TextFolderReader().read(tgz, "news-validation"));
    assertTrue(e.getMessage().contains("news-validation") && e.getMessage().contains("no documents"),
        e.getMessage());
  }

  @Test
  void sharedData20NewsgroupsSubset() throws IOException {
    Path tgz = DatasetLocator.newsgroupsTar().orElse(null);
    Assumptions.assumeTrue(tgz != null, "shared 20 Newsgroups archive not present");
    long t0 = System.nanoTime();
    TextFolderReader r = new TextFolderReader().minDocFrequency(3).maxVocabulary(5000).limitPerClass(40);
    Corpus train = r.read(tgz, "20news-bydate-train");
    System.out.printf("20 Newsgroups train, 40 per class: %s in %.2f s%n", train, (System.nanoTime() - t0) / 1e9);
    assertEquals(20, train.labelNames().size());
    assertEquals(800, train.numDocs());
    for (long n : train.labelHistogram()) {
      assertEquals(40, n);
    }
    assertTrue(train.vocabulary().contains("space") && train.vocabulary().contains("hockey"));
    assertFalse(train.vocabulary().contains("the"));
    assertTrue(train.totalTokens() > 800 * 50, "posts average well over 50 content words");
  }
}
