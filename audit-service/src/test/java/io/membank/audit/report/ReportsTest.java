package io.membank.audit.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.audit.chain.AuditEntry;
import io.membank.audit.chain.AuditLog;
import io.membank.audit.chain.ChainHash;
import io.membank.audit.config.AuditConfig;
import io.membank.audit.intake.AuditEventParser;
import io.membank.audit.support.AuditDatabase;
import io.membank.audit.support.Events;
import io.membank.audit.support.Receivers;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Compliance reports: generated on demand and on schedule, stored with content hashes, readable as
 * real PDF (rendered to pixels by pdftoppm), Excel (opened with Apache POI) and JSON, and mailed to
 * a real SMTP server with the attachments.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(AuditDatabase.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(Receivers.class)
class ReportsTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Inject AuditLog log;
  @Inject AuditConfig config;
  @Inject ReportScheduler scheduler;

  /** A day of activity with 3 high-risk events (a bulk export, 2 deletes of others' data). */
  String seed(Instant day) {
    String tenant = Events.tenant();
    AuditEventParser parser = new AuditEventParser(config.intake());
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      entries.add(parser.parse(Events.event(tenant).at(day.plusSeconds(i)).json()));
    }
    entries.add(
        parser.parse(
            Events.event(tenant)
                .at(day.plusSeconds(20))
                .actor("user", "eve", "reader")
                .action("export")
                .details(Map.of("record_count", 25_000))
                .json()));
    for (int i = 0; i < 2; i++) {
      entries.add(
          parser.parse(
              Events.event(tenant)
                  .at(day.plusSeconds(30 + i))
                  .actor("user", "eve", "writer")
                  .action("delete")
                  .resource("memory", "m-del-" + i, "u-victim")
                  .json()));
    }
    entries.add(
        parser.parse(
            Events.event(tenant)
                .at(day.plusSeconds(40))
                .actor("user", "eve")
                .outcome("unauthorized")
                .json()));
    log.append(entries);
    return tenant;
  }

  static JsonPath create(String token, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body(body)
        .post("/api/v1/audit/reports")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  static byte[] download(String token, String id, String format) {
    Response r =
        given()
            .auth()
            .oauth2(token)
            .queryParam("format", format)
            .get("/api/v1/audit/reports/" + id + "/content");
    r.then().statusCode(200);
    byte[] bytes = r.asByteArray();
    String digest =
        Base64.getEncoder().encodeToString(HexFormat.of().parseHex(ChainHash.sha256Hex(bytes)));
    assertThat(r.header("Repr-Digest")).isEqualTo("sha-256=:" + digest + ":");
    return bytes;
  }

  @Test
  void anOnDemandReportIsStoredInThreeFormatsAndMailed() throws Exception {
    Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);
    String tenant = seed(day.plusSeconds(3600));
    String token = TestTokens.token(tenant, "auditor-3", "auditor");
    String recipient = "dpo@" + tenant + ".example";

    JsonPath created =
        create(
            token,
            Map.of(
                "template", "security",
                "from", day.toString(),
                "to", day.plus(1, ChronoUnit.DAYS).toString(),
                "recipients", List.of(recipient),
                "attach", List.of("pdf", "xlsx")));

    String id = created.getString("id");
    assertThat(created.getString("tenant_id")).isEqualTo(tenant);
    assertThat(created.getString("trigger")).isEqualTo("on_demand");
    assertThat(created.getLong("record_count")).isEqualTo(14);
    assertThat(created.getList("formats.format")).containsExactly("json", "pdf", "xlsx");
    String pdfSha = created.getString("formats.find { it.format == 'pdf' }.sha256");
    String xlsxSha = created.getString("formats.find { it.format == 'xlsx' }.sha256");

    // PDF: the stored bytes, rendered by poppler to pixels that are not blank.
    byte[] pdf = download(token, id, "pdf");
    assertThat(ChainHash.sha256Hex(pdf)).isEqualTo(pdfSha);
    assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
    assertThat(inkFraction(render(pdf))).isBetween(0.005, 0.5);

    // Excel: POI opens it and finds the three high-risk events.
    byte[] xlsx = download(token, id, "xlsx");
    assertThat(ChainHash.sha256Hex(xlsx)).isEqualTo(xlsxSha);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("Summary");
      Sheet high = book.getSheet("High and critical events");
      assertThat(high).isNotNull();
      assertThat(high.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Seq");
      List<String> actions = new ArrayList<>();
      for (Row row : high) {
        if (row.getRowNum() > 0) {
          actions.add(row.getCell(3).getStringCellValue());
          assertThat(row.getCell(2).getStringCellValue()).isEqualTo("eve");
        }
      }
      assertThat(actions).containsExactly("delete", "delete", "export");
      Sheet bursts = book.getSheet("Failure bursts");
      assertThat(bursts.getLastRowNum()).isZero();
      Sheet summary = book.getSheet("Summary");
      assertThat(findValue(summary, "Events")).isEqualTo(14.0);
      assertThat(findValue(summary, "High or critical risk")).isEqualTo(3.0);
    }

    // JSON: the same document, with the integrity of the chain.
    JsonNode json = JSON.readTree(download(token, id, "json"));
    assertThat(json.path("report_id").asText()).isEqualTo(id);
    JsonNode integrity = json.path("sections").get(json.path("sections").size() - 1);
    assertThat(integrity.path("title").asText()).isEqualTo("Integrity of the audit trail");
    assertThat(integrity.path("rows").get(0).toString()).isEqualTo("[\"Chain intact\",\"yes\"]");

    // E-mail: arrives at the SMTP server with both attachments, byte for byte.
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> messagesTo(recipient).size() == 1);
    MimeMessage mail = messagesTo(recipient).get(0);
    assertThat(mail.getSubject()).contains("Security report").contains(tenant);
    Map<String, byte[]> attachments = attachments(mail);
    assertThat(attachments.keySet())
        .containsExactlyInAnyOrder(
            "membank-security-"
                + tenant
                + "-"
                + LocalDate.ofInstant(day, java.time.ZoneOffset.UTC)
                + ".pdf",
            "membank-security-"
                + tenant
                + "-"
                + LocalDate.ofInstant(day, java.time.ZoneOffset.UTC)
                + ".xlsx");
    for (byte[] a : attachments.values()) {
      assertThat(ChainHash.sha256Hex(a)).isIn(pdfSha, xlsxSha);
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(token)
                    .get("/api/v1/audit/reports/" + id)
                    .then()
                    .statusCode(200)
                    .body("deliveries[0].channel", equalTo("email"))
                    .body("deliveries[0].status", equalTo("delivered")));
    // The mailing is in the trail, as an export by the service.
    JsonPath exports =
        given()
            .auth()
            .oauth2(token)
            .queryParam("resource_id", id)
            .queryParam("action", "export")
            .get("/api/v1/audit/events")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(exports.getList("events.actor.id")).contains("audit-service/reports", "auditor-3");
  }

  @Test
  void aGdprReportListsDeletionsOfAnotherSubjectsData() throws Exception {
    Instant day = Instant.parse("2026-11-02T00:00:00Z");
    String tenant = seed(day.plusSeconds(7200));
    String token = TestTokens.token(tenant, "dpo-1", "auditor");
    String id =
        create(
                token,
                Map.of(
                    "template",
                    "gdpr",
                    "from",
                    day.toString(),
                    "to",
                    day.plus(1, ChronoUnit.DAYS).toString()))
            .getString("id");

    JsonNode json = JSON.readTree(download(token, id, "json"));
    JsonNode deletions = null;
    for (JsonNode s : json.path("sections")) {
      if (s.path("title").asText().equals("Deletions of another subject's data")) {
        deletions = s;
      }
    }
    assertThat(deletions).isNotNull();
    assertThat(deletions.path("rows")).hasSize(2);
    assertThat(deletions.path("rows").get(0).get(4).asText()).isEqualTo("memory m-del-1");
  }

  @Test
  void reportsAreTenantScopedAndValidated() {
    String tenant = Events.tenant();
    String token = TestTokens.token(tenant, "auditor-1", "auditor");
    String id =
        create(
                token,
                Map.of(
                    "template",
                    "sox",
                    "from",
                    "2026-10-01T00:00:00Z",
                    "to",
                    "2026-11-01T00:00:00Z"))
            .getString("id");
    given()
        .auth()
        .oauth2(TestTokens.token("globex", "auditor-1", "auditor"))
        .get("/api/v1/audit/reports/" + id)
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body(
            Map.of(
                "template", "hipaa", "from", "2026-10-01T00:00:00Z", "to", "2026-11-01T00:00:00Z"))
        .post("/api/v1/audit/reports")
        .then()
        .statusCode(400);
    given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body(
            Map.of("template", "sox", "from", "2026-11-01T00:00:00Z", "to", "2026-10-01T00:00:00Z"))
        .post("/api/v1/audit/reports")
        .then()
        .statusCode(400)
        .body("type", equalTo("https://membank.io/problems/invalid-period"));
    given()
        .auth()
        .oauth2(TestTokens.token(tenant, "app-1", "writer"))
        .contentType("application/json")
        .body(
            Map.of("template", "sox", "from", "2026-10-01T00:00:00Z", "to", "2026-11-01T00:00:00Z"))
        .post("/api/v1/audit/reports")
        .then()
        .statusCode(403);
  }

  @Test
  void scheduledReportsAreMadeOncePerPeriodAndMailed() throws Exception {
    LocalDate today = LocalDate.now(config.reports().zone());
    List<ReportService.Stored> made = scheduler.runDue(today);

    assertThat(made).hasSize(1);
    ReportEntity report = made.get(0).report();
    assertThat(report.tenantId).isEqualTo("sched-acme");
    assertThat(report.trigger).isEqualTo("scheduled");
    assertThat(report.schedule).isEqualTo("test-daily");
    assertThat(report.periodFrom.toLocalDate()).isEqualTo(today.minusDays(1));
    assertThat(scheduler.runDue(today)).isEmpty();

    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> messagesTo("ciso@sched.example").size() == 1);
    assertThat(attachments(messagesTo("ciso@sched.example").get(0))).hasSize(2);
  }

  static List<MimeMessage> messagesTo(String recipient) throws Exception {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage m : Receivers.smtp.getReceivedMessages()) {
      if (m.getAllRecipients()[0].toString().equals(recipient)) {
        found.add(m);
      }
    }
    return found;
  }

  static Map<String, byte[]> attachments(MimeMessage mail) throws Exception {
    Map<String, byte[]> found = new java.util.HashMap<>();
    Multipart parts = (Multipart) mail.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.getInputStream().transferTo(out);
        found.put(part.getFileName(), out.toByteArray());
      }
    }
    return found;
  }

  /** First page of the PDF as an image, by poppler's pdftoppm. */
  static BufferedImage render(byte[] pdf) throws Exception {
    Path dir = Files.createTempDirectory("audit-report");
    Path file = dir.resolve("report.pdf");
    Files.write(file, pdf);
    Process p =
        new ProcessBuilder(
                "/usr/bin/pdftoppm",
                "-png",
                "-r",
                "50",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                file.toString(),
                dir.resolve("page").toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(output).isZero();
    BufferedImage image = ImageIO.read(dir.resolve("page.png").toFile());
    assertThat(image.getWidth()).isGreaterThan(image.getHeight()); // A4 landscape
    return image;
  }

  /** The share of pixels that are clearly not white paper. */
  static double inkFraction(BufferedImage image) {
    long ink = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int luminance =
            ((rgb >> 16 & 0xff) * 299 + (rgb >> 8 & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
        if (luminance < 160) {
          ink++;
        }
      }
    }
    return (double) ink / ((long) image.getWidth() * image.getHeight());
  }

  static double findValue(Sheet sheet, String label) {
    for (Row row : sheet) {
      if (row.getCell(0) != null
          && row.getCell(0).getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
          && row.getCell(0).getStringCellValue().equals(label)) {
        return row.getCell(1).getNumericCellValue();
      }
    }
    throw new AssertionError("no " + label + " in " + sheet.getSheetName());
  }
}
