package dev.herald.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium (Debian's, installed by {@code .ci/provision.sh} before
 * {@code mvn verify}), driven through Debian's ChromeDriver. Both paths are set explicitly, so Selenium Manager
 * never tries to download a browser or driver. Network requests are read from Chromium's own performance log
 * (DevTools {@code Network.requestWillBeSent}): what the browser really sent, whatever the page believes.
 */
public final class Chromium implements AutoCloseable {

    /** One request the browser sent: its URL and when, in seconds of the browser's monotonic clock. */
    record Request(String url, double timestamp) {
    }

    /** One response the browser received (its head): its URL and the protocol it came over ({@code h2}, {@code http/1.1}). */
    record Answer(String url, String protocol) {
    }

    /**
     * No selenium-devtools module on purpose: the network log comes from ChromeDriver's performance log, which
     * works with whatever Chromium Debian ships. Selenium would warn about the missing CDP version at every start.
     */
    private static final Logger CDP_VERSION_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private static final String BINARY = System.getenv().getOrDefault("HERALD_CHROMIUM", "/usr/bin/chromium");
    private static final String DRIVER = System.getenv().getOrDefault("HERALD_CHROMEDRIVER", "/usr/bin/chromedriver");

    private final Path profile;
    private final ChromeDriver driver;
    private final List<Request> requests = new ArrayList<>();
    private final List<Answer> answers = new ArrayList<>();

    private Chromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    public static Chromium start() {
        for (String path : List.of(BINARY, DRIVER)) {
            if (!new File(path).canExecute()) {
                // Never skip: a browser test that does not run must fail the build.
                throw new AssertionError(path + " is missing: run .ci/provision.sh");
            }
        }
        Path profile = tempDirectory();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        // --no-sandbox: CI runs as root. The network flags keep Chromium from calling Google's services,
        // which this closed network refuses (and which would slow every start). --ignore-certificate-errors: the
        // servers' HTTPS uses the build's self-signed development certificate. No back-forward cache: a page
        // left keeps nothing open.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--ignore-certificate-errors", "--disable-features=BackForwardCache",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        return new Chromium(profile, new ChromeDriver(service, options));
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger; // held in a static field: java.util.logging keeps only weak references to loggers
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Every request the browser has sent since it started, oldest first, whose URL contains {@code part}. */
    List<Request> requests(String part) {
        readNetworkLog();
        return requests.stream().filter(request -> request.url().contains(part)).toList();
    }

    /** Every response head the browser has received since it started, oldest first, whose URL contains {@code part}. */
    List<Answer> answers(String part) {
        readNetworkLog();
        return answers.stream().filter(answer -> answer.url().contains(part)).toList();
    }

    /** Reading the log empties ChromeDriver's buffer: what was read is kept here. */
    private void readNetworkLog() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonObject message = json(entry.getMessage()).getJsonObject("message");
            String method = message.getString("method", "");
            JsonObject params = message.getJsonObject("params");
            if ("Network.requestWillBeSent".equals(method)) {
                requests.add(new Request(params.getJsonObject("request").getString("url"),
                        params.getJsonNumber("timestamp").doubleValue()));
            } else if ("Network.responseReceived".equals(method)) {
                JsonObject response = params.getJsonObject("response");
                answers.add(new Answer(response.getString("url"), response.getString("protocol", "")));
            }
        }
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static Path tempDirectory() {
        try {
            return Files.createTempDirectory("herald-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
