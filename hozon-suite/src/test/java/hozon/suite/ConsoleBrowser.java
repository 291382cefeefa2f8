package hozon.suite;

import java.io.File;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver (Selenium never downloads a
 * browser or a driver here), plus a plain HTTP client that shares a signed-in person's cookies —
 * for downloads and for trying forms the page would not offer that person.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("hozon.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("hozon.chromedriver", "/usr/bin/chromedriver");

    final WebDriver driver;
    final String base;
    private final Path screenshots;
    private final Path profile;

    ConsoleBrowser(String base, Path screenshots) throws IOException {
        this.base = base;
        this.screenshots = Files.createDirectories(screenshots);
        this.profile = Files.createTempDirectory("hozon-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // As root, with no network but loopback: no sandbox, and no background connections to Google.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=ja-JP");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    void get(String path) {
        driver.get(base + path);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean present(String css) {
        return !all(css).isEmpty();
    }

    /** Signs in on the local sign-in page (a fresh session: cookies of the last person are dropped). */
    void signIn(String person) {
        driver.manage().deleteAllCookies();
        get("/sign-in");
        new Select(find("#person")).selectByValue(person);
        submit("#sign-in");
    }

    /** Clicks a button that sends its form, and waits until the next page has replaced this one. */
    void submit(WebElement button) {
        WebElement html = find("html");
        button.click();
        awaitNextPage(html);
    }

    /**
     * Waits until the page whose root element this was has been replaced. While Chromium swaps
     * documents, asking about the old root can fail either as "stale" or with an inspector error
     * ("node does not belong to the document"): both mean it is gone.
     */
    void awaitNextPage(WebElement oldRoot) {
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> {
            try {
                oldRoot.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            } catch (org.openqa.selenium.WebDriverException swapping) {
                return swapping.getMessage() != null && swapping.getMessage().contains("does not belong to the document");
            }
        });
    }

    void submit(String css) {
        submit(find(css));
    }

    void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    /** Sets an input's value the way a date picker would (datetime-local's keyboard format depends on the locale). */
    void setValue(String css, String value) {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", find(css), value);
    }

    void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(screenshots.resolve(name + ".png"), png);
    }

    String source() {
        return driver.getPageSource();
    }

    /** Runs axe-core (from the npm registry, tools/ci) on the current page; returns serious and critical violations. */
    List<String> seriousAccessibilityViolations(Path axe) throws IOException {
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) driver;
        js.executeScript(Files.readString(axe, StandardCharsets.UTF_8));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                + " done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                + "   .map(function (v) { return v.id + ' (' + v.impact + '): ' + v.nodes.map(function (n) {"
                + "     return n.target.join(' '); }).join(', '); })); });");
        List<String> out = new ArrayList<>();
        if (result instanceof List<?> l) {
            l.forEach(o -> out.add(String.valueOf(o)));
        }
        return out;
    }

    /** An HTTP client carrying this browser's cookies (session and CSRF), for downloads and direct form posts. */
    Http http() {
        return new Http(base, driver.manage().getCookies());
    }

    /** The hidden CSRF field of the current page's first form. */
    String csrfToken() {
        return find("input[name='csrf-token']").getAttribute("value");
    }

    /** The named inputs of a form on the current page (hidden ones included). */
    Map<String, String> formFields(String formCss) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (WebElement e : all(formCss + " input[name]")) {
            fields.put(e.getAttribute("name"), e.getAttribute("value"));
        }
        return fields;
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Requests with a signed-in person's cookies. */
    static final class Http {
        final String base;
        final HttpClient client;

        Http(String base, java.util.Set<Cookie> cookies) {
            this.base = base;
            CookieManager jar = new CookieManager();
            for (Cookie c : cookies) {
                HttpCookie h = new HttpCookie(c.getName(), c.getValue());
                h.setPath("/");
                h.setVersion(0);
                jar.getCookieStore().add(URI.create(base), h);
            }
            this.client = HttpClient.newBuilder().cookieHandler(jar).followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5)).build();
        }

        HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }

        HttpResponse<byte[]> post(String path, Map<String, String> form) throws IOException, InterruptedException {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        /** A multipart form post (the look-up list form). */
        HttpResponse<byte[]> postMultipart(String path, Map<String, String> form) throws IOException, InterruptedException {
            String boundary = "hozon" + System.nanoTime();
            StringBuilder b = new StringBuilder();
            form.forEach((k, v) -> b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                    .append(k).append("\"\r\n\r\n").append(v == null ? "" : v).append("\r\n"));
            b.append("--").append(boundary).append("--\r\n");
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(b.toString(), StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }

        /** Signs in over HTTP (sign-in page for the CSRF cookie and token, then the form). */
        static Http signIn(String base, String person) throws IOException, InterruptedException {
            CookieManager jar = new CookieManager();
            HttpClient c = HttpClient.newBuilder().cookieHandler(jar).followRedirects(HttpClient.Redirect.NEVER).build();
            String page = c.send(HttpRequest.newBuilder(URI.create(base + "/sign-in")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String token = csrf(page);
            c.send(HttpRequest.newBuilder(URI.create(base + "/sign-in"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("csrf-token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                            + "&person=" + person)).build(), HttpResponse.BodyHandlers.discarding());
            List<Cookie> cookies = new ArrayList<>();
            for (HttpCookie h : jar.getCookieStore().getCookies()) {
                cookies.add(new Cookie(h.getName(), h.getValue()));
            }
            Http http = new Http(base, new java.util.HashSet<>(cookies));
            http.csrf = token;
            return http;
        }

        String csrf;

        static String csrf(String page) {
            Matcher m = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(page);
            if (!m.find()) {
                throw new IllegalStateException("no CSRF token on the page");
            }
            return m.group(1);
        }
    }
}
