package io.tributary.common.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingsReaderTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    return Fixtures.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsCsvWithHeaderAndRemapsIds() throws IOException {
    Ratings r = RatingsReader.readFile(file("ratings.csv",
        "userId,movieId,rating,timestamp\n42,1001,4.5,1\n7,1001,3,2\n42,2002,1.0,3\n\n# comment\n7,3003,5,4\n"));
    assertEquals(4, r.size());
    assertEquals(2, r.numUsers());
    assertEquals(3, r.numItems());
    assertArrayEquals(new int[] {0, 1, 0, 1}, r.users());
    assertArrayEquals(new int[] {0, 0, 1, 2}, r.items());
    assertArrayEquals(new float[] {4.5f, 3f, 1f, 5f}, r.values());
    assertEquals("42", r.userId(0));
    assertEquals("3003", r.itemId(2));
    assertEquals(1, r.userIndex("7").getAsInt());
    assertTrue(r.itemIndex("999").isEmpty());
    assertEquals(3.375, r.meanValue(), 1e-9);
    assertArrayEquals(new int[] {2, 2}, r.countsPerUser());
    assertEquals("ratings", r.name());
  }

  @Test
  void readsMovieLensTsvAndWhitespaceFormats() throws IOException {
    Ratings dat = RatingsReader.readFile(file("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n"));
    assertEquals(2, dat.size());
    assertEquals("661", dat.itemId(1));
    Ratings tsv = RatingsReader.readFile(file("u.tsv", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n"));
    assertEquals(2, tsv.numUsers());
    Ratings ws = RatingsReader.readFile(file("u.data", "196  242 3\n186 302   4\n"));
    assertEquals(4f, ws.value(1));
    Path gz = Fixtures.write(dir.resolve("r.csv.gz"), Fixtures.gzip("a,b,1\nc,d,2\n".getBytes()));
    Ratings g = RatingsReader.readFile(gz);
    assertEquals(2, g.size());
    assertEquals("r", g.name());
  }

  @Test
  void columnsAndRowLimit() throws IOException {
    Path p = file("x.csv", "5,item9,userA\n2,item8,userB\n1,item7,userA\n");
    Ratings r = new RatingsReader().columns(2, 1, 0).maxRows(2).read(p);
    assertEquals(2, r.size());
    assertEquals("userB", r.userId(1));
    assertEquals(2f, r.value(1));
  }

  @Test
  void badLinesAreNamedWithLineNumbers() throws IOException {
    Path few = file("few.csv", "1,2,3\n4,5\n");
    DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> RatingsReader.readFile(few));
    assertTrue(e.getMessage().startsWith(few.toString()) && e.getMessage().contains("line 2")
        && e.getMessage().contains("found 2"), e.getMessage());
    Path nan = file("nan.csv", "1,2,3\n4,5,great\n");
    e = assertThrows(DatasetFormatException.class, () -> RatingsReader.readFile(nan));
    assertTrue(e.getMessage().contains("line 2: rating \"great\""), e.getMessage());
    Path empty = file("empty.csv", "\n# nothing\n");
    e = assertThrows(DatasetFormatException.class, () -> RatingsReader.readFile(empty));
    assertTrue(e.getMessage().contains("no ratings"), e.getMessage());
  }

  @Test
  void subsetKeepsIndices() {
    Ratings r = Ratings.of("t", new int[] {0, 1, 2}, new int[] {1, 1, 0}, new float[] {1, 2, 3}, 3, 2);
    Ratings s = r.subset(new int[] {2, 0});
    assertArrayEquals(new int[] {2, 0}, s.users());
    assertEquals(3, s.numUsers());
    assertThrows(IllegalArgumentException.class,
        () -> Ratings.of("t", new int[] {3}, new int[] {0}, new float[] {1}, 3, 2));
  }
}
