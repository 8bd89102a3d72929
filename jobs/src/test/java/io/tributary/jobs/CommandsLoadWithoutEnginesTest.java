package io.tributary.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.config.Setting;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command classes stay thin: the whole command tree, with every command's help, loads with only
 * the jobs classes, picocli and {@code common} (where the commands' declared settings live; both job
 * jars carry it), none of the engine modules. The job jars depend on it (the Flink
 * jar carries no spark-gaia or skew-analysis, the Spark jar no flink-focus; docs/deploy.md): picocli
 * reflects over every method of a command or mixin class, so one signature naming an engine-module
 * type would stop the CLI from starting on the other engine's jar.
 */
class CommandsLoadWithoutEnginesTest {

  @Test
  void everyCommandsHelpWorksWithJobsAndPicocliAlone() throws Exception {
    URL jobs = Tributary.class.getProtectionDomain().getCodeSource().getLocation();
    URL picocli = CommandLine.class.getProtectionDomain().getCodeSource().getLocation();
    URL common = Setting.class.getProtectionDomain().getCodeSource().getLocation();
    List<List<String>> commands = List.of(List.of(), List.of("focus"), List.of("focus", "ingest"),
        List.of("focus", "query"), List.of("focus", "bench"), List.of("focus", "generate"), List.of("gaia"),
        List.of("gaia", "launch"), List.of("gaia", "bench"), List.of("skew"), List.of("skew", "study"),
        List.of("skew", "report"), List.of("skew", "scout"), List.of("skew", "profile"));
    // Parent: the platform loader (JDK modules only), so nothing leaks in from the test class path.
    try (URLClassLoader bare = new URLClassLoader(new URL[] {jobs, picocli, common}, ClassLoader.getPlatformClassLoader())) {
      Class<?> cli = bare.loadClass(Tributary.class.getName());
      assertTrue(cli.getClassLoader() == bare, "Tributary must come from the bare loader");
      Method execute = cli.getMethod("execute", String[].class);
      for (List<String> c : commands) {
        List<String> withHelp = new ArrayList<>(c);
        withHelp.add("--help");
        String[] args = withHelp.toArray(new String[0]);
        PrintStream out = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int code;
        try {
          System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
          code = (Integer) execute.invoke(null, (Object) args);
        } finally {
          System.setOut(out);
        }
        assertEquals(0, code, "tributary " + String.join(" ", args));
        assertTrue(o.toString(StandardCharsets.UTF_8).contains("Usage:"), "no usage for " + c);
      }
    }
  }
}
