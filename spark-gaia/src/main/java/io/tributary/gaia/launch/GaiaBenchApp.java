package io.tributary.gaia.launch;

import io.tributary.common.asp.AspConfig;
import io.tributary.gaia.deploy.AppSettings;
import java.util.Locale;

/**
 * One application of {@link GaiaBench}: its settings, and how its target and final model are judged.
 *
 * @param name {@code mf}, {@code tm} or {@code ic}
 * @param settings its data and model
 * @param asp its ASP settings
 * @param targetSlack how far below LAN's converged objective the target lies (IC: 0.01 accuracy)
 */
public record GaiaBenchApp(String name, AppSettings settings, AspConfig asp, double targetSlack) {
  /** MF's loss falls; TM's log-likelihood and IC's accuracy rise. */
  public boolean lowerIsBetter() {
    return name.equals("mf");
  }

  double target(double lan) {
    return lowerIsBetter() ? lan + targetSlack : lan - targetSlack;
  }

  /**
   * Whether a final model's objective bears out a run that stopped at {@code target}: within 1%
   * of it (MF, TM), or within 3 points of accuracy for IC, whose reading on 600 test images
   * varies by 2-3 points from one clock to the next. A run scored early on a model that is not
   * yet shared by every data centre (updates still in flight) can stop at a reading its final
   * model does not reach; it is then counted as not having reached the target.
   */
  public boolean bearsOut(double finalObjective, double target) {
    if (Double.isNaN(finalObjective)) {
      return false;
    }
    double tolerance = name.equals("ic") ? 0.03 : 0.01 * Math.abs(target);
    return lowerIsBetter() ? finalObjective <= target + tolerance : finalObjective >= target - tolerance;
  }

  /** {@code o} as it stands once its final model is checked ({@link #bearsOut}). */
  public RunOutcome verified(RunOutcome o, double finalObjective) {
    if (!o.reached() || bearsOut(finalObjective, o.target())) {
      return o;
    }
    return o.unreached(String.format(Locale.ROOT, "stopped at the target (%s) but its final model scores %.5g",
        o.reason(), finalObjective));
  }

  String objective() {
    return switch (name) {
      case "mf" -> "mean loss per rating";
      case "tm" -> "log-likelihood per token";
      default -> "test accuracy";
    };
  }
}
