package io.tributary.skew;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SkewSparkTest {
  @Test
  void masterIsTheUsersElseSparkSubmitsElseLocal() {
    String before = System.getProperty("spark.master");
    try {
      System.clearProperty("spark.master");
      assertEquals("local[3]", SkewSpark.master(null, "local[3]"));
      assertEquals("spark://h:7077", SkewSpark.master("spark://h:7077", "local[3]"));
      System.setProperty("spark.master", "yarn"); // what spark-submit --master yarn leaves in the driver
      assertEquals("yarn", SkewSpark.master(null, "local[3]"));
      assertEquals("local[2]", SkewSpark.master("local[2]", "local[3]"), "an explicit --master wins");
    } finally {
      if (before == null) {
        System.clearProperty("spark.master");
      } else {
        System.setProperty("spark.master", before);
      }
    }
  }
}
