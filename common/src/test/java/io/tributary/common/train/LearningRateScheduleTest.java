package io.tributary.common.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  @Test
  void stepScheduleOfTheStudyDividesByTenAtEpochs64And96() {
    LearningRateSchedule s = LearningRateSchedule.step(0.002, 0.1, 64, 96);
    assertEquals(0.002, s.rate(0, 0), 1e-15);
    assertEquals(0.002, s.rate(1_000_000, 63), 1e-15);
    assertEquals(0.0002, s.rate(0, 64), 1e-15);
    assertEquals(0.0002, s.rate(0, 95), 1e-15);
    assertEquals(0.00002, s.rate(0, 96), 1e-15);
    assertEquals(0.00002, s.rate(0, 127), 1e-15);
  }

  @Test
  void constantAndPolynomial() {
    assertEquals(0.05, LearningRateSchedule.constant(0.05).rate(12345, 7));
    LearningRateSchedule p = LearningRateSchedule.polynomial(0.1, 0.5, 100);
    assertEquals(0.1, p.rate(0, 0), 1e-12);
    assertEquals(0.1 * Math.sqrt(0.75), p.rate(25, 0), 1e-12);
    assertEquals(0.0, p.rate(100, 3));
  }

  @Test
  void rejectsBadSchedules() {
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0.1, 0.1, 10, 5));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0, 0.1, 10));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant(-1));
    assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.polynomial(0.1, 1, 0));
  }
}
