package io.tributary.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BagOfWordsReaderTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    return Fixtures.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsDocwordAndVocabulary() throws IOException {
    Path dw = file("docword.tiny.txt", "3\n4\n5\n1 1 2\n1 3 1\n2 2 4\n3 1 1\n3 4 3\n");
    Path vocab = file("vocab.tiny.txt", "apple\nbanana\ncherry\ndate\n");
    Corpus c = BagOfWordsReader.readFile(dw, vocab);
    assertEquals("tiny", c.name());
    assertEquals(3, c.numDocs());
    assertEquals(List.of("apple", "banana", "cherry", "date"), c.vocabulary());
    assertArrayEquals(new int[] {0, 2}, c.wordIds(0));
    assertArrayEquals(new int[] {2, 1}, c.counts(0));
    assertArrayEquals(new int[] {0, 0, 2}, c.tokens(0));
    assertEquals(4, c.docLength(1));
    assertEquals(11, c.totalTokens());
    assertEquals(5, c.nonZeros());
    assertFalse(c.hasLabels());
    assertArrayEquals(new long[] {3, 4, 1, 3}, c.wordFrequencies());
    Corpus sub = c.subset(new int[] {2});
    assertArrayEquals(new int[] {0, 3, 3, 3}, sub.tokens(0));
  }

  @Test
  void unsortedEntriesAndEmptyDocsAndGzip() throws IOException {
    Path dw = Fixtures.write(dir.resolve("docword.u.txt.gz"),
        Fixtures.gzip("4\n3\n3\n4 3 1\n1 2 5\n4 1 2\n".getBytes()));
    Corpus c = BagOfWordsReader.readFile(dw, null);
    assertEquals(4, c.numDocs());
    assertEquals(0, c.docLength(1)); // docs 2 and 3 have no entries
    assertArrayEquals(new int[] {0, 2}, c.wordIds(3));
    assertEquals("#3", c.word(2));
    Corpus first = new BagOfWordsReader().maxDocs(1).read(dw, null);
    assertEquals(1, first.numDocs());
    assertEquals(5, first.totalTokens());
  }

  @Test
  void corruptFilesAreNamed() throws IOException {
    Path trunc = file("docword.t.txt", "2\n3\n4\n1 1 1\n2 2 2\n");
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> BagOfWordsReader.readFile(trunc,
        null));
    assertTrue(e.getMessage().startsWith(trunc.toString()) && e.getMessage().contains("truncated")
        && e.getMessage().contains("only 2"), e.getMessage());

    Path more = file("docword.m.txt", "2\n3\n1\n1 1 1\n2 2 2\n");
    e = assertThrows(DatasetFormatException.class, () -> BagOfWordsReader.readFile(more, null));
    assertTrue(e.getMessage().contains("more than the 1 entries"), e.getMessage());

    Path range = file("docword.r.txt", "2\n3\n1\n1 4 1\n");
    e = assertThrows(DatasetFormatException.class, () -> BagOfWordsReader.readFile(range, null));
    assertTrue(e.getMessage().contains("line 4: wordID 4 outside [1, 3]"), e.getMessage());

    Path fields = file("docword.f.txt", "2\n3\n2\n1 1\n2 2 2\n");
    e = assertThrows(DatasetFormatException.class, () -> BagOfWordsReader.readFile(fields, null));
    assertTrue(e.getMessage().contains("line 4"), e.getMessage());

    Path text = file("docword.x.txt", "2\n3\n1\n1 a 1\n");
    e = assertThrows(DatasetFormatException.class, () -> BagOfWordsReader.readFile(text, null));
    assertTrue(e.getMessage().contains("unexpected character 'a'"), e.getMessage());

    Path dup = file("docword.d.txt", "1\n3\n2\n1 2 1\n1 2 1\n");
    e = assertThrows(DatasetFormatException.class, () -> BagOfWordsReader.readFile(dup, null));
    assertTrue(e.getMessage().contains("twice"), e.getMessage());

    Path ok = file("docword.ok.txt", "1\n3\n1\n1 2 1\n");
    Path vocab = file("vocab.ok.txt", "a\nb\n");
    e = assertThrows(DatasetFormatException.class, () -> BagOfWordsReader.readFile(ok, vocab));
    assertTrue(e.getMessage().startsWith(vocab.toString()) && e.getMessage().contains("W=3"), e.getMessage());
  }
}
