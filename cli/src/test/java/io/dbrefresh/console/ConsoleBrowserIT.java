package io.dbrefresh.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.dbrefresh.history.HistoryTable;
import io.dbrefresh.local.EngineDirectory;
import io.dbrefresh.testing.Emulators;

/**
 * The console in a real browser, as a new user meets it: compose a valid RDS latestpoint file
 * from the form, see a mistake flagged at its field and fixed, open an original-solution file,
 * run a file locally and follow it to SUCCEEDED, read the fleet view. With
 * {@code DBREFRESH_SCREENSHOTS=DIR} it also writes the screenshots of docs/console.md there.
 */
class ConsoleBrowserIT {

    private static final String TOKEN = "browser-token-789";
    private static final String TABLE = "console-browser-it";

    private static ConsoleServer server;
    private static ChromeDriver browser;
    private static Path home;

    @BeforeAll
    static void start() throws IOException {
        browser = Browser.start();
        home = EngineDirectory.findHome();
        Emulators.reset();
        ConsoleFleetIT.seed(new HistoryTable(Emulators.clients().dynamoDb()), TABLE);
        Path folder = Files.createTempDirectory("console-folder");
        server = ConsoleServer.start(new ConsoleServer.Settings("127.0.0.1", 0, folder, home, TOKEN,
                Emulators::clients, TABLE, "DbRefresh", null), System.err);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void openThePrintedAddress() {
        // from another page: from the console's own, a new fragment alone would not reload it
        browser.get("about:blank");
        browser.get(server.url() + "#token=" + TOKEN);
        waitFor(Duration.ofSeconds(20), () -> browser.findElements(By.id("f-restore-target")).size() == 1);
    }

    @Test
    void aNewUserComposesAValidRdsLatestpointFile_seesAMistakeAtItsField_andFixesIt() throws IOException {
        assertThat(new Select(browser.findElement(By.id("service"))).getFirstSelectedOption().getText()).isEqualTo("rds");
        assertThat(new Select(browser.findElement(By.id("restoretype"))).getFirstSelectedOption().getText()).isEqualTo("latestpoint");
        assertThat(field("/restore/target").findElement(By.className("help")).getText())
                .isEqualTo("rds: the non-production instance being refreshed. Must differ from source.");

        browser.findElement(By.id("f-restore-source")).sendKeys("mysqlinstp");
        browser.findElement(By.id("f-restore-target")).sendKeys("my_instd");

        waitFor(Duration.ofSeconds(20), () -> field("/restore/target").findElement(By.className("error")).getText()
                .startsWith("\"my_instd\" has a character other than letters, digits and hyphens"));
        assertThat(field("/restore/target").getAttribute("class")).contains("invalid");
        assertThat(field("/restore/source").getAttribute("class")).doesNotContain("invalid");
        assertThat(status()).isEqualTo("invalid: 1 error(s)");
        browser.executeScript("window.scrollTo(0, 0)");
        screenshot("compose.png");

        WebElement target = browser.findElement(By.id("f-restore-target"));
        target.clear();
        target.sendKeys("mysqlinstd");

        waitFor(Duration.ofSeconds(20), () -> status().equals("valid"));
        assertThat(field("/restore/target").getAttribute("class")).doesNotContain("invalid");
        assertThat(browser.findElement(By.id("plan")).getText()).startsWith("Refresh of mysqlinstd (rds) from mysqlinstp, latestpoint");
        assertThat(browser.findElement(By.id("text")).getDomProperty("value"))
                .contains("\"source\": \"mysqlinstp\"", "\"target\": \"mysqlinstd\"", "\"restoretype\": \"latestpoint\"");
    }

    @Test
    void anOriginalSolutionFile_opensWithEachUnfilledValueFlaggedAtItsField() {
        Path original = home.resolve("cli/src/test/resources/compat/db-app1-mysqlinstd.json");

        browser.findElement(By.id("open-file")).sendKeys(original.toString());

        waitFor(Duration.ofSeconds(20), () -> status().startsWith("invalid: 10 error(s)"));
        assertThat(field("/sendmsg/topicarn").findElement(By.className("error")).getText())
                .isEqualTo("not filled in: replace CHANGE_ME with the real value");
        assertThat(browser.findElement(By.id("f-restore-target")).getDomProperty("value")).isEqualTo("mysqlinstd");
        assertThat(browser.findElement(By.id("inc-runscripts")).isSelected()).isTrue();

        browser.findElement(By.id("open-file")).sendKeys(home.resolve("cli/src/test/resources/compat/db-app1-mysqlinstd.filled.json").toString());

        waitFor(Duration.ofSeconds(20), () -> status().startsWith("valid"));
        assertThat(browser.findElement(By.id("plan")).getText()).contains("perform-restore", "mysqlinstp -> mysqlinstdtemp");
    }

    @Test
    void aLocalRun_isFollowedStepByStepToSucceeded() throws IOException {
        browser.findElement(By.id("f-restore-source")).sendKeys("mysqlinstp");
        browser.findElement(By.id("f-restore-target")).sendKeys("mysqlinstd");
        waitFor(Duration.ofSeconds(20), () -> status().equals("valid"));

        browser.findElement(By.id("run-local")).click();

        waitFor(Duration.ofSeconds(20), () -> browser.findElement(By.id("run")).isDisplayed());
        waitFor(Duration.ofMinutes(10), () -> !browser.findElement(By.id("run-banner")).getText().contains(": RUNNING"));
        assertThat(browser.findElement(By.id("run-banner")).getText()).startsWith("Local run of mysqlinstd: SUCCEEDED in ");
        WebElement restore = browser.findElement(By.cssSelector("#steps tr[data-step='perform-restore']"));
        assertThat(restore.getAttribute("class")).isEqualTo("done");
        assertThat(restore.findElements(By.tagName("td")).get(2).getText()).matches("succeeded in [0-9.]+ s.*");
        assertThat(browser.findElement(By.cssSelector("#steps tr[data-step='rename-database']")).getAttribute("class")).isEqualTo("skipped");
        assertThat(browser.findElement(By.id("run-log")).getText()).contains("Summary", "status           SUCCEEDED");
        screenshot("run.png");
    }

    @Test
    void theFleetView_showsEachTargetByApplicationAndEnvironment_andItsHistoryOnClick() throws IOException {
        browser.findElement(By.id("tab-fleet")).click();

        waitFor(Duration.ofSeconds(30), () -> !browser.findElements(By.cssSelector("#fleet-grid .cell")).isEmpty());
        assertThat(cell("shopdev").getAttribute("class")).isEqualTo("cell fresh");
        assertThat(cell("shopqa").getAttribute("class")).isEqualTo("cell failed");
        assertThat(cell("shopuat").getAttribute("class")).isEqualTo("cell stale");
        assertThat(cell("crmdev").getAttribute("class")).isEqualTo("cell running");
        assertThat(cell("shopdev").getText()).contains("SUCCEEDED", "aligned to", "age 3h");
        assertThat(browser.findElements(By.cssSelector("#fleet-grid thead th"))).extracting(WebElement::getText)
                .containsExactly("application \\ environment", "dev", "qa", "uat");

        cell("shopqa").click();

        waitFor(Duration.ofSeconds(20), () -> browser.findElements(By.cssSelector("#history tbody tr")).size() == 2);
        assertThat(browser.findElement(By.id("history-title")).getText()).isEqualTo("History of shopqa");
        assertThat(browser.findElement(By.cssSelector("#history tbody tr")).getText()).contains("FAILED", "perform-restore: storage-full");
        screenshot("fleet.png");
    }

    private static WebElement field(String path) {
        return browser.findElement(By.cssSelector("#form .field[data-path='" + path + "']"));
    }

    private static WebElement cell(String database) {
        return browser.findElement(By.cssSelector("#fleet-grid .cell[data-database='" + database + "']"));
    }

    private static String status() {
        return browser.findElement(By.id("status")).getText();
    }

    private static void waitFor(Duration timeout, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, timeout, Duration.ofMillis(200)).until(d -> condition.getAsBoolean());
    }

    /** Into DBREFRESH_SCREENSHOTS (relative to the project) when set: the pictures of docs/console.md. */
    private static void screenshot(String name) throws IOException {
        String dir = System.getenv("DBREFRESH_SCREENSHOTS");
        if (dir == null || dir.isBlank()) {
            return;
        }
        Path out = home.resolve(dir);
        Files.createDirectories(out);
        Files.write(out.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
