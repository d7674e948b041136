package io.membank.graph;

import static io.membank.graph.GraphFixtures.READER;
import static io.membank.graph.GraphFixtures.created;
import static io.membank.graph.GraphFixtures.id;
import static io.membank.graph.GraphFixtures.user;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.membank.graph.service.GraphUpdater;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.Neo4jResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph page in a real browser (headless Chromium, offline: background networking off): it
 * loads the vendored cytoscape.js, fetches the JSON with the token from the URL fragment and draws
 * the nodes. The screenshot is kept in {@code target/graph-page/} for a human to look at.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(Neo4jResource.class)
class GraphPageTest {

  static final Path OUT = Path.of("target", "graph-page");
  // Page geometry (graph.css): a 48 px header, the drawing left of a 300 px panel.
  static final int WIDTH = 1200;
  static final int HEIGHT = 800;

  @Inject GraphUpdater updater;

  @TestHTTPResource("/graph/index.html")
  URL page;

  String user;

  @BeforeEach
  void seed() {
    user = user();
    updater.apply(created(user, id(), "I love coffee"));
    updater.apply(created(user, id(), "I work at Starbucks"));
    updater.apply(created(user, id(), "明天要开产品会议"));
  }

  static Path chromium() {
    String configured = System.getProperty("membank.chromium", System.getenv("MEMBANK_CHROMIUM"));
    Stream<String> candidates =
        configured != null
            ? Stream.of(configured)
            : Stream.of(
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome",
                "/usr/bin/google-chrome-stable");
    return candidates.map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
  }

  /** Runs headless Chromium on the URL with the extra arguments; returns what it printed. */
  static String browse(String url, String... extra) throws IOException, InterruptedException {
    return browse(Map.of(), url, extra);
  }

  /** As {@link #browse(String, String...)}, with extra environment variables for Chromium. */
  static String browse(Map<String, String> env, String url, String... extra)
      throws IOException, InterruptedException {
    Path browser = chromium();
    // bin/membank setup installs Debian's chromium: a missing browser is a failure, not a skip.
    assertThat(browser)
        .as("Chromium (bin/membank setup installs it; or set -Dmembank.chromium=<path>)")
        .isNotNull();
    Path profile = Files.createTempDirectory("membank-chromium-");
    List<String> command =
        new ArrayList<>(
            List.of(
                browser.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=" + WIDTH + "," + HEIGHT,
                "--virtual-time-budget=3000"));
    command.addAll(List.of(extra));
    command.add(url);
    Path output = Files.createTempFile("membank-chromium-", ".out");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    Process p =
        builder
            .redirectErrorStream(false)
            .redirectOutput(output.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError("Chromium did not finish in 90 s");
      }
      return Files.readString(output, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(output);
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  String pageUrl() {
    return page + "#user=" + user + "&token=" + READER;
  }

  @Test
  void thePageDrawsEveryNodeOfTheUsersGraph() throws Exception {
    int expectedNodes =
        given()
            .auth()
            .oauth2(READER)
            .get("/api/v1/users/" + user + "/graph")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("nodes")
            .size();

    String dom = browse(pageUrl(), "--dump-dom");
    assertThat(dom).contains("data-state=\"rendered\"");
    Matcher nodes = Pattern.compile("data-nodes=\"(\\d+)\"").matcher(dom);
    assertThat(nodes.find()).as("data-nodes in %s", dom).isTrue();
    assertThat(Integer.parseInt(nodes.group(1))).isEqualTo(expectedNodes).isGreaterThan(5);
    // The Chinese memory is among the drawn labels, and this browser has glyphs for it (setup
    // installs fonts-noto-cjk; without them every CJK character is the same empty box).
    assertThat(dom).contains("<li>明天要开产品会议</li>").contains("data-cjk=\"glyphs\"");
    assertThat(dom).doesNotContain("need a CJK font");

    Files.createDirectories(OUT);
    Path shot = OUT.resolve("graph.png").toAbsolutePath();
    Files.deleteIfExists(shot);
    browse(pageUrl(), "--screenshot=" + shot, "--hide-scrollbars");
    BufferedImage image = ImageIO.read(shot.toFile());
    assertThat(image).as("screenshot %s", shot).isNotNull();
    // Memory nodes are filled with #1e88e5; only drawn nodes can put that colour in the drawing.
    assertThat(pixelsNear(image, 0x1e, 0x88, 0xe5)).as("memory-node pixels").isGreaterThan(300);
    // Organisation (#e53935) and product (#fb8c00) entities are drawn too.
    assertThat(pixelsNear(image, 0xe5, 0x39, 0x35)).as("organisation pixels").isGreaterThan(100);
    assertThat(pixelsNear(image, 0xfb, 0x8c, 0x00)).as("product pixels").isGreaterThan(100);
  }

  @Test
  void aRefusedTokenIsShownNotDrawn() throws Exception {
    String dom = browse(page + "#user=" + user + "&token=not-a-token", "--dump-dom");

    assertThat(dom).contains("data-state=\"error\"").contains("401");
  }

  @Test
  void withoutACredentialThePageAsksInAFormNotAPrompt() throws Exception {
    String dom = browse(page + "#user=" + user, "--dump-dom");

    assertThat(dom).contains("data-state=\"needs-credential\"");
    assertThat(dom).containsPattern("<form id=\"open\" class=\"open\">");
    assertThat(dom).contains("id=\"open-user\"").doesNotContain("data-nodes=");
  }

  @Test
  void withoutCjkFontsThePageSaysWhichFontIsMissing(@TempDir Path fonts) throws Exception {
    // A font configuration that knows only Latin fonts: what a machine without fonts-noto-cjk has.
    Path conf = fonts.resolve("fonts.conf");
    Files.writeString(
        conf,
        "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>"
            + "<dir>/usr/share/fonts/truetype</dir><cachedir>"
            + fonts.resolve("cache")
            + "</cachedir></fontconfig>");

    String dom = browse(Map.of("FONTCONFIG_FILE", conf.toString()), pageUrl(), "--dump-dom");

    assertThat(dom).contains("data-state=\"rendered\"").contains("data-cjk=\"missing\"");
    assertThat(dom).contains("Chinese labels need a CJK font (Debian: fonts-noto-cjk)");
  }

  /** Pixels of the drawing area (below the header, left of the panel) close to the colour. */
  static long pixelsNear(BufferedImage image, int r, int g, int b) {
    long n = 0;
    for (int y = 48; y < Math.min(image.getHeight(), HEIGHT); y++) {
      for (int x = 0; x < Math.min(image.getWidth(), WIDTH - 300); x++) {
        int rgb = image.getRGB(x, y);
        int dr = ((rgb >> 16) & 0xff) - r;
        int dg = ((rgb >> 8) & 0xff) - g;
        int db = (rgb & 0xff) - b;
        if (dr * dr + dg * dg + db * db < 300) {
          n++;
        }
      }
    }
    return n;
  }
}
