package io.patchflow.security.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A CAB member in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}): logs in on
 * Keycloak's login page, opens Tasklist, claims the CAB vote of a change, fills in the vote form and completes it,
 * and the change moves on once the second member has voted. A tester logging in the same way does not see the task,
 * and Tasklist's own "Log out" ends the Keycloak session too.
 * Without Chromium the test fails and says what to install.
 */
class TasklistBrowserIntegrationTest extends KeycloakIntegrationTest {

    private static final Duration UI_WAIT = Duration.ofSeconds(30);

    @Test
    void aCabMemberLogsInThroughKeycloakClaimsTheVoteInTasklistAndApproves() {
        String id = normalChangeAwaitingTestSignOff("kcui");
        String signOff = engineTasks(id, "bob").get(0).path("id").asText();
        expect(as("bob", "POST", "/engine-rest/task/" + signOff + "/claim", "{\"userId\":\"bob\"}"), 204);
        expect(as("bob", "POST", "/engine-rest/task/" + signOff + "/submit-form",
                "{\"variables\":{\"testResult\":{\"value\":\"passed\"},\"testEvidence\":{\"value\":\"browser\"}}}"),
                204);
        List<JsonNode> votes = await("the CAB votes of " + id, () -> engineTasks(id, "carol"), t -> t.size() == 2);
        String carolsVote = votes.get(0).path("id").asText();

        WebDriver carol = chromium();
        try {
            logIn(carol, "carol");
            assertThat(taskNames(carol)).as("carol's Tasklist").contains("CAB vote");

            carol.get(url("/camunda/app/tasklist/default/#/?task=" + carolsVote));
            wait(carol).until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
            WebElement approve = wait(carol).until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//label[normalize-space(.)='Approve']")));
            approve.click();
            carol.findElement(By.cssSelector("textarea.fjs-textarea")).sendKeys("approved in Tasklist via Keycloak");
            wait(carol).until(ExpectedConditions.elementToBeClickable(
                    By.xpath("//button[@type='submit' and normalize-space(.)='Complete']"))).click();
        } finally {
            carol.quit();
        }

        JsonNode vote = await("carol's vote in the trail of " + id, () -> entries(id, "approval.vote"),
                entries -> entries.size() == 1).get(0);
        assertThat(vote.path("actor").asText()).isEqualTo("carol");
        assertThat(vote.path("reason").asText()).isEqualTo("approved in Tasklist via Keycloak");
        assertThat(vote.path("outcome").path("vote").asText()).isEqualTo("approve");

        String davesVote = await("dave's vote", () -> engineTasks(id, "dave"), t -> t.size() == 1).get(0)
                .path("id").asText();
        expect(as("dave", "POST", "/api/v1/tasks/" + davesVote + "/complete",
                "{\"vote\":\"approve\",\"reason\":\"second vote\"}"), 200);
        JsonNode moved = await(id + " past approval", () -> read(expect(as("frank", "GET", "/api/v1/changes/" + id,
                null), 200)), c -> !Set.of("IN_TEST", "AWAITING_APPROVAL").contains(c.path("state").asText()));
        assertThat(moved.path("state").asText()).isNotIn("REJECTED", "CANCELLED");
    }

    @Test
    void aTesterLoggingInDoesNotSeeCabTasks() {
        String id = normalChangeAwaitingTestSignOff("kcbob");
        String signOff = engineTasks(id, "bob").get(0).path("id").asText();
        expect(as("bob", "POST", "/engine-rest/task/" + signOff + "/claim", "{\"userId\":\"bob\"}"), 204);
        expect(as("bob", "POST", "/engine-rest/task/" + signOff + "/submit-form",
                "{\"variables\":{\"testResult\":{\"value\":\"passed\"},\"testEvidence\":{\"value\":\"browser\"}}}"),
                204);
        String cabVote = await("the CAB votes of " + id, () -> engineTasks(id, "carol"), t -> t.size() == 2).get(0)
                .path("id").asText();

        WebDriver bob = chromium();
        try {
            logIn(bob, "bob");
            assertThat(taskNames(bob)).as("bob's Tasklist").doesNotContain("CAB vote", "ECAB vote");
            bob.get(url("/camunda/app/tasklist/default/#/?task=" + cabVote));
            wait(bob).until(d -> d.getPageSource().contains("does not exist")
                    || d.getPageSource().contains("not exist") || !d.findElements(By.cssSelector(".alert")).isEmpty()
                    || d.findElements(By.cssSelector("button.claim")).isEmpty());
            assertThat(bob.findElements(By.cssSelector("button.claim"))).as("no claim button for bob").isEmpty();
            assertThat(bob.findElements(By.cssSelector("textarea.fjs-textarea"))).as("no vote form for bob").isEmpty();

            logOutThroughTheTasklistMenu(bob);
            bob.get(url("/camunda/app/tasklist/"));
            wait(bob).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            assertThat(bob.getCurrentUrl()).as("Tasklist asks Keycloak to log bob in again").startsWith(
                    keycloak().baseUrl() + "/realms/");
        } finally {
            bob.quit();
        }
        expect(as("erin", "POST", "/api/v1/changes/" + id + "/cancel", "{\"reason\":\"browser test done\"}"), 200);
    }

    private void logIn(WebDriver driver, String user) {
        driver.get(url("/camunda/app/tasklist/"));
        wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user);
        driver.findElement(By.id("kc-login")).click();
        wait(driver).until(d -> d.getCurrentUrl().startsWith(url("/camunda/app/tasklist/")));
    }

    /**
     * Tasklist's own "Log out" entry in the account menu. It must end the Keycloak session as well: otherwise the
     * next visit logs the person in again through Keycloak without asking (CamundaWebappLogout).
     */
    private static void logOutThroughTheTasklistMenu(WebDriver driver) {
        wait(driver).until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.account a.dropdown-toggle")))
                .click();
        wait(driver).until(ExpectedConditions.elementToBeClickable(By.cssSelector("li.account li.logout a"))).click();
        // Tasklist forgets the person: its account menu goes.
        wait(driver).until(d -> d.findElements(By.cssSelector("li.account")).isEmpty());
    }

    /** The names in the task list, once it has loaded. */
    private static List<String> taskNames(WebDriver driver) {
        wait(driver).until(d -> !d.findElements(By.cssSelector("[cam-tasks]")).isEmpty());
        // The list fills in asynchronously: wait for entries, or for the list to settle empty.
        try {
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(d -> !d.findElements(By.cssSelector("ol.tasks-list li.task .names .task")).isEmpty());
        } catch (org.openqa.selenium.TimeoutException empty) {
            return List.of();
        }
        return driver.findElements(By.cssSelector("ol.tasks-list li.task .names .task")).stream()
                .map(e -> e.getText().trim()).toList();
    }

    private List<JsonNode> entries(String id, String kind) {
        return list(read(expect(as("frank", "GET", "/api/v1/changes/" + id + "/audit", null), 200))).stream()
                .filter(e -> kind.equals(e.path("kind").asText())).toList();
    }

    private static WebDriverWait wait(WebDriver driver) {
        return new WebDriverWait(driver, UI_WAIT);
    }

    /** Headless Chromium as root in a closed network: the flags docs/security.md lists, and a fresh profile. */
    private static WebDriver chromium() {
        String browser = tool("PATCHFLOW_CHROMIUM", "/usr/bin/chromium");
        String driver = tool("PATCHFLOW_CHROMEDRIVER", "/usr/bin/chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions().setBinary(browser).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static String tool(String variable, String fallback) {
        String configured = System.getenv(variable);
        String path = configured == null || configured.isBlank() ? fallback : configured;
        if (!new File(path).canExecute()) {
            throw new IllegalStateException("The Tasklist browser test needs Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver; .ci/run installs them), and " + path
                    + " is missing. Set " + variable + " to use another binary.");
        }
        return path;
    }
}
