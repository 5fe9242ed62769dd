package io.patchflow.audit.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.audit.EvidencePacks;
import io.patchflow.audit.PackVerification;
import io.patchflow.testsupport.PostgresIntegrationTest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The compliance console in Debian's headless Chromium, as a compliance officer uses it: filter the changes, open
 * one, see the path its process took highlighted on the diagram, export its evidence pack and check it. Fails (never
 * skips) when chromium or chromedriver is missing; {@code .ci/run} installs them.
 */
class ConsoleBrowserTest extends PostgresIntegrationTest {

    static final String CHROMIUM = System.getenv().getOrDefault("PATCHFLOW_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("PATCHFLOW_CHROMEDRIVER", "/usr/bin/chromedriver");
    private static final byte[] DEMO_EXPORT_KEY = "demo-only-export-hmac-key-0123456789abcdef"
            .getBytes(StandardCharsets.UTF_8);

    private static ConsoleFixture fixture;
    private static String change;

    @LocalServerPort
    int port;
    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @TempDir
    Path downloads;
    @TempDir
    Path profile;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void browserAndChange() throws Exception {
        assertThat(new File(CHROMIUM).canExecute()).as("The browser tests need Chromium at %s (apt-get install "
                + "chromium chromium-driver; .ci/run installs them) or PATCHFLOW_CHROMIUM", CHROMIUM).isTrue();
        assertThat(new File(CHROMEDRIVER).canExecute()).as("The browser tests need chromedriver at %s (apt-get "
                + "install chromium-driver; .ci/run installs it) or PATCHFLOW_CHROMEDRIVER", CHROMEDRIVER).isTrue();
        if (change == null) {
            fixture = new ConsoleFixture(mvc, json, UUID.randomUUID().toString().substring(0, 8));
            change = fixture.closedChange();
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // As root Chromium needs --no-sandbox; the rest keeps it from calling home or reusing another run's profile.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOfficerFiltersOpensAChangeSeesItsPathAndExportsAVerifiablePack() throws Exception {
        // HTTP Basic in the address: Chromium keeps the credentials for the realm and sends them with the API calls.
        browser.get("http://frank:frank@localhost:" + port + "/console/");
        awaitLoaded("#/");
        assertThat(browser.findElement(By.id("retention")).getText()).contains("2555 days");

        WebElement host = browser.findElement(By.cssSelector("#filters input[name=host]"));
        host.sendKeys(fixture.hosts().get(3));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.cssSelector("#filters select[name=state]")))
                .selectByValue("CLOSED");
        browser.findElement(By.id("apply")).click();
        awaitLoaded("filtered");
        List<WebElement> rows = browser.findElements(By.cssSelector("#changes tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains(change).contains("CLOSED").contains(fixture.advisory());

        rows.get(0).findElement(By.cssSelector("a.change-link")).click();
        awaitLoaded("#/changes/" + change);
        assertThat(browser.findElement(By.id("change-title")).getText()).startsWith(change);
        List<WebElement> taken = browser.findElements(By.cssSelector("#diagrams .djs-element.path-taken"));
        assertThat(taken).as("highlighted steps and flows").hasSizeGreaterThan(5);
        assertThat(markerOf("requested")).contains("path-taken");
        assertThat(markerOf("cancelled")).doesNotContain("path-taken");
        assertThat(browser.findElements(By.cssSelector("#diagrams .djs-connection.path-taken"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector(".diagram[data-definition=staged-rollout]"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#sod li.failed"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#sod li.passed"))).hasSizeGreaterThanOrEqualTo(4);
        assertThat(browser.findElement(By.cssSelector("#decisions tbody tr")).getText()).contains("change.requested");
        assertThat(browser.findElements(By.cssSelector("#rollout tbody tr"))).hasSize(5);

        browser.findElement(By.id("export-json")).click();
        Path pack = downloads.resolve("evidence-" + change + ".json");
        wait.until(d -> Files.exists(pack) && pack.toFile().length() > 0);
        PackVerification verified = EvidencePacks.verify(Files.readAllBytes(pack), DEMO_EXPORT_KEY, null);
        assertThat(verified.problems()).isEmpty();
        assertThat(verified.entries()).isGreaterThan(5);
    }

    @Test
    void theReportsViewDrawsItsCharts() {
        browser.get("http://frank:frank@localhost:" + port + "/console/#/reports");
        awaitLoaded("#/reports");

        assertThat(browser.findElements(By.cssSelector("#chart-sla svg"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#chart-mttp svg"))).hasSize(1);
        assertThat(browser.findElement(By.id("report-summary")).getText()).startsWith("SLA compliance");
        browser.findElement(By.id("verify")).click();
        wait.until(d -> d.findElement(By.id("verify-result")).getText().startsWith("intact"));
    }

    private String markerOf(String elementId) {
        return String.valueOf(((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector('[data-element-id=\"' + arguments[0] + '\"]');"
                        + "return e ? e.getAttribute('class') : 'absent';", elementId));
    }

    private void awaitLoaded(String what) {
        wait.withMessage(() -> "the console did not finish loading " + what + "; error shown: "
                        + browser.findElement(By.id("error")).getText())
                .until(d -> what.equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.loaded")));
    }
}
