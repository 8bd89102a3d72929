package io.tributary.focus.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Skip_th is checked where a query is made: at 0 or below every cluster would skip verification. */
class QueryRequestTest {
  @Test
  void aSkipThresholdOfZeroOrLessIsRefusedNamingIt() {
    for (double bad : new double[] {-1, 0, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> QueryRequest.of("car").withSkipThreshold(bad));
      assertTrue(e.getMessage().contains("Skip_th " + bad), e.getMessage());
    }
  }

  @Test
  void skipThresholdsAboveZeroAreKept() {
    for (double ok : new double[] {0.5, 1, 2}) {
      assertEquals(ok, QueryRequest.of("car").withSkipThreshold(ok).skipThreshold());
    }
  }
}
