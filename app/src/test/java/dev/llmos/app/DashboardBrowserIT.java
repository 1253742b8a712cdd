package dev.llmos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard end to end: the real {@code bin/llmos demo} serving it, Debian's headless Chromium
 * driven through chromedriver (Selenium) looking at it as a person would.
 */
class DashboardBrowserIT {
  private static final Path LAUNCHER = Path.of("..", "bin", "llmos").toAbsolutePath().normalize();
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Where the screenshot is kept as a test artefact. */
  private static final Path ARTEFACTS = Path.of("target", "e2e");

  private static final Pattern URL = Pattern.compile("dashboard: (http://\\S+)");

  @TempDir Path dir;
  private Process demo;
  private WebDriver browser;

  @AfterEach
  void tearDown() {
    if (browser != null) {
      browser.quit();
    }
    if (demo != null) {
      demo.destroyForcibly();
    }
  }

  @Test
  void watchPauseAndStopARunInChromium() throws Exception {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (System.getenv("LLMOS_REQUIRE_BROWSER") != null) {
      assertThat(installed)
          .as(
              "chromium and chromium-driver are installed (apt-get install chromium chromium-driver)")
          .isTrue();
    }
    assumeTrue(installed, "needs Debian's chromium and chromium-driver");

    ProcessBuilder pb =
        new ProcessBuilder(
                "bash",
                LAUNCHER.toString(),
                "demo",
                "--no-browser",
                "--no-view",
                "--port",
                "0",
                "--speed",
                "2",
                "--duration",
                "600")
            .directory(dir.toFile())
            .redirectErrorStream(true);
    pb.environment().put("LLMOS_WORKSPACE", dir.resolve("ws").toString());
    demo = pb.start();
    List<String> output = new CopyOnWriteArrayList<>();
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  output.add(line);
                  Matcher m = URL.matcher(line);
                  if (m.find()) {
                    url.complete(m.group(1));
                  }
                }
              } catch (IOException e) {
                url.completeExceptionally(e);
              }
              url.completeExceptionally(new IllegalStateException("demo ended: " + output));
            });
    reader.setDaemon(true);
    reader.start();
    String address = url.get(60, TimeUnit.SECONDS);

    browser = chromium();
    browser.get(address);
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(b -> "connected".equals(attribute("#connection", "data-state")));
    wait.until(b -> "running".equals(text("#run-state")));

    // The robot moves: its pose, drawn from the live state, changes over time.
    wait.until(b -> attribute("#robot-pose", "data-x") != null);
    double[] first = pose();
    wait.until(b -> moved(first, pose()));

    // The brain timeline fills, each decision marked with its brain.
    wait.until(b -> browser.findElements(By.cssSelector("#timeline .decision")).size() >= 20);
    // Read in one go: the timeline is redrawn as decisions arrive.
    @SuppressWarnings("unchecked")
    List<String> brains =
        (List<String>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return [...document.querySelectorAll('#timeline .decision')]"
                        + ".map(d => d.dataset.brain)");
    assertThat(brains).allMatch(b -> b != null && !b.isBlank()).contains("instinct");

    // The 3D view drew the arena (or says why it cannot), and the map overlay is on.
    assertThat(
            browser.findElements(By.cssSelector("#arena-view canvas")).size()
                + browser.findElements(By.cssSelector("#arena-view .view-note")).size())
        .isPositive();

    // Pause holds the robot where it is.
    browser.findElement(By.id("run-pause")).click();
    wait.until(b -> "paused".equals(text("#run-state")));
    Thread.sleep(300);
    double[] held = pose();
    Thread.sleep(1500);
    assertThat(pose()).as("pose while paused").containsExactly(held);

    Files.createDirectories(ARTEFACTS);
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, ARTEFACTS.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(ARTEFACTS.resolve("dashboard.png"))).isGreaterThan(10_000);

    // Resumed, it moves again.
    browser.findElement(By.id("run-resume")).click();
    wait.until(b -> "running".equals(text("#run-state")));
    wait.until(b -> moved(held, pose()));

    // The agents panel lists the catalogue and shows one rendered.
    wait.until(b -> !browser.findElements(By.cssSelector("#agents-list .item-entry")).isEmpty());
    browser.findElement(By.cssSelector("#agents-list .item-entry[data-name='explorer']")).click();
    wait.until(b -> text("#item-detail").contains("explorer"));

    // Stop ends the run; the demo records it and exits.
    browser.findElement(By.id("run-stop")).click();
    wait.until(b -> "finished".equals(text("#run-state")));
    assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo exits after the run").isTrue();
    reader.join(5000);
    assertThat(String.join("\n", output)).contains(": stopped").contains("recorded in");

    // The run is listed as recorded.
    wait.until(b -> !browser.findElements(By.cssSelector("#runs-list .run-entry")).isEmpty());
  }

  private WebDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--use-angle=swiftshader",
        "--enable-unsafe-swiftshader",
        "--window-size=1400,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  private String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText().strip();
  }

  private String attribute(String css, String name) {
    return browser.findElement(By.cssSelector(css)).getDomAttribute(name);
  }

  private double[] pose() {
    return new double[] {
      Double.parseDouble(attribute("#robot-pose", "data-x")),
      Double.parseDouble(attribute("#robot-pose", "data-y")),
      Double.parseDouble(attribute("#robot-pose", "data-heading"))
    };
  }

  private static boolean moved(double[] from, double[] to) {
    return Math.hypot(to[0] - from[0], to[1] - from[1]) > 0.02 || Math.abs(to[2] - from[2]) > 0.05;
  }
}
