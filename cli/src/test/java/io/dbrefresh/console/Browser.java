package io.dbrefresh.console;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven through its chromedriver, both the system's executables found on
 * the PATH: nothing is downloaded (the binary and the driver are given, so Selenium Manager
 * has nothing to find). Without them the browser tests are skipped, or fail when
 * {@value #REQUIRE_ENV}=1 (CI installs the browser and sets it).
 */
final class Browser {

    static final String REQUIRE_ENV = "DBREFRESH_REQUIRE_BROWSER";

    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");
    private static final List<String> DRIVERS = List.of("chromedriver");

    private Browser() {
    }

    /** A new headless browser; skips (or fails, when required) the test when there is none. */
    static ChromeDriver start() {
        Optional<Path> binary = onPath(BROWSERS);
        Optional<Path> driver = onPath(DRIVERS);
        if (binary.isEmpty() || driver.isEmpty()) {
            String missing = (binary.isEmpty() ? "chromium" : "") + (binary.isEmpty() && driver.isEmpty() ? " and " : "")
                    + (driver.isEmpty() ? "chromedriver" : "");
            if ("1".equals(System.getenv(REQUIRE_ENV))) {
                throw new AssertionError(missing + " not found on the PATH and " + REQUIRE_ENV
                        + "=1: install them (Debian: apt-get install chromium chromium-driver)");
            }
            Assumptions.abort(missing + " not found on the PATH: the browser tests are skipped (apt-get install chromium chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--hide-scrollbars", "--force-device-scale-factor=1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile()).usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return browser;
    }

    private static Optional<Path> onPath(List<String> names) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
