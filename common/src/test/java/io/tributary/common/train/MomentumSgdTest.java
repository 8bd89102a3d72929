package io.tributary.common.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MomentumSgdTest {

  @Test
  void followsTheThesisUpdateRuleWithWeightDecayInTheGradient() {
    MomentumSgd sgd = new MomentumSgd(0.9, 0.01);
    float[] w = {1.0f, -2.0f};
    float[] g = {0.5f, 0.25f};
    // u1 = -lr * (g + wd * w) = -0.1 * (0.5 + 0.01, 0.25 - 0.02) = (-0.051, -0.023)
    sgd.step(w, g, 0.1);
    assertArrayEquals(new float[] {-0.051f, -0.023f}, sgd.velocity(), 1e-7f);
    assertArrayEquals(new float[] {0.949f, -2.023f}, w, 1e-6f);
    // u2 = 0.9 * u1 - 0.1 * (g + 0.01 * w1)
    double u20 = 0.9 * -0.051 - 0.1 * (0.5 + 0.01 * 0.949);
    double u21 = 0.9 * -0.023 - 0.1 * (0.25 + 0.01 * -2.023);
    sgd.step(w, g, 0.1);
    assertArrayEquals(new float[] {(float) u20, (float) u21}, sgd.velocity(), 1e-7f);
    assertArrayEquals(new float[] {(float) (0.949 + u20), (float) (-2.023 + u21)}, w, 1e-6f);
  }

  @Test
  void updateLeavesParametersAloneAndReturnsTheLiveVelocity() {
    MomentumSgd sgd = new MomentumSgd(0.5, 0);
    float[] w = {1f, 1f, 1f};
    float[] u = sgd.update(w, new float[] {1f, 2f, 3f}, 1.0);
    assertArrayEquals(new float[] {1f, 1f, 1f}, w);
    assertArrayEquals(new float[] {-1f, -2f, -3f}, u);
    assertSame(u, sgd.velocity());
    u[1] = 0; // momentum correction: a cleared entry restarts from zero
    assertArrayEquals(new float[] {-1.5f, -2f, -4.5f}, sgd.update(w, new float[] {1f, 2f, 3f}, 1.0));
    sgd.reset();
    assertEquals(0, sgd.velocity().length);
    assertArrayEquals(new float[] {-1f}, sgd.update(new float[] {0f}, new float[] {1f}, 1.0));
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> new MomentumSgd(1.0, 0));
    assertThrows(IllegalArgumentException.class, () -> new MomentumSgd(0.9, -1));
    MomentumSgd sgd = new MomentumSgd(0.9, 0);
    assertThrows(IllegalArgumentException.class, () -> sgd.step(new float[2], new float[3], 0.1));
    assertThrows(IllegalArgumentException.class, () -> sgd.step(new float[2], new float[2], Double.NaN));
    sgd.step(new float[2], new float[2], 0.1);
    assertThrows(IllegalArgumentException.class, () -> sgd.step(new float[3], new float[3], 0.1));
  }
}
