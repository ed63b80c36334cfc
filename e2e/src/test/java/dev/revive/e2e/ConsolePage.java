package dev.revive.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console's page in the system's headless Chromium ({@code /usr/bin/chromium} driven through
 * {@code /usr/bin/chromedriver}, a fresh profile per browser): what a test reads from it (read in one script call,
 * so that a re-render between two reads cannot mix two states) and what it does on it (typing, clicking), and
 * screenshots. Closing it quits the browser.
 */
final class ConsolePage implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path screenshots;

    private ConsolePage(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** Opens {@code url} in a new headless Chromium with a fresh profile under {@code profileDir}. */
    static ConsolePage open(String url, Path profileDir, Path screenshots) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--window-size=1280,1800",
                "--user-data-dir=" + Files.createDirectories(profileDir));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().pageLoadTimeout(CALL_TIMEOUT).scriptTimeout(CALL_TIMEOUT);
            driver.get(url);
            return new ConsolePage(driver, Files.createDirectories(screenshots));
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
    }

    /** The connection line: {@code live} once the event stream is open. */
    String connection() {
        return driver.findElement(By.id("connection")).getText();
    }

    /** The member health cells of cluster {@code clusterId}, by node. */
    @SuppressWarnings("unchecked")
    Map<String, String> memberHealth(String clusterId) {
        return (Map<String, String>) script("""
                const out = {};
                document.querySelectorAll(`article.cluster[data-cluster="${arguments[0]}"] tr.member`)
                    .forEach(row => out[row.dataset.node] = row.children[1].textContent);
                return out;""", clusterId);
    }

    /** The ids of the incidents shown. */
    @SuppressWarnings("unchecked")
    List<String> incidentIds() {
        return (List<String>) script("return [...document.querySelectorAll('article.incident')]"
                + ".map(card => card.dataset.incident);");
    }

    /** The summary line of incident {@code incidentId} (state, cluster, plan, verdict), or "" when not shown. */
    String incidentSummary(String incidentId) {
        return (String) script("const card = document.querySelector("
                + "`article.incident[data-incident=\"${arguments[0]}\"]`);"
                + " return card ? card.querySelector('.summary').textContent : '';", incidentId);
    }

    /** The timeline rows of incident {@code incidentId}, each {@code plan/step/attempt status}. */
    @SuppressWarnings("unchecked")
    List<String> timeline(String incidentId) {
        return (List<String>) script("return [...document.querySelectorAll("
                + "`article.incident[data-incident=\"${arguments[0]}\"] tr.step`)]"
                + ".map(row => row.dataset.step + ' ' + row.dataset.status);", incidentId);
    }

    /** The verdicts of the report cards of incident {@code incidentId}, newest first. */
    @SuppressWarnings("unchecked")
    List<String> reportVerdicts(String incidentId) {
        return (List<String>) script("return [...document.querySelectorAll("
                + "`article.report[data-incident=\"${arguments[0]}\"] .verdict`)].map(v => v.textContent);",
                incidentId);
    }

    /** The plan ids that have an approve button now. */
    @SuppressWarnings("unchecked")
    List<String> plansWaitingForApproval() {
        return (List<String>) script("return [...document.querySelectorAll('button.approve')]"
                + ".map(button => button.dataset.plan);");
    }

    /** Types the operator token into its field, as a user would. */
    void typeToken(String token) {
        WebElement field = driver.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token);
    }

    /** Clicks the approve button of {@code planId}. */
    void clickApprove(String planId) {
        driver.findElement(By.cssSelector("button.approve[data-plan=\"" + planId + "\"]")).click();
    }

    /** What the page said about the last decision sent. */
    String decisionStatus() {
        return driver.findElement(By.id("decision-status")).getText();
    }

    /** A PNG of the page as it is now, as {@code <name>.png} under the screenshots directory. */
    Path screenshot(String name) throws IOException {
        return Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    private Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
