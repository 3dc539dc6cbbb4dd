package dev.smsauth.journey;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through Debian's chromedriver. Both paths are set explicitly so
 * Selenium never tries to download a browser or a driver. Elements are found the way a person
 * finds them: fields by their label, buttons by their text.
 */
final class Chromium implements AutoCloseable {

	static final String BINARY = System.getProperty("chromium.binary", "/usr/bin/chromium");

	static final String DRIVER = System.getProperty("chromium.driver", "/usr/bin/chromedriver");

	private final ChromeDriver driver;

	private final Path userDataDir;

	private final Path screenshots;

	Chromium(Path screenshots) throws IOException {
		this.screenshots = screenshots;
		this.userDataDir = Files.createTempDirectory("chromium-profile");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BINARY);
		// The flags keep Chromium from reaching for the network this machine does not have.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1200,900", "--lang=en-US", "--user-data-dir=" + userDataDir);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	static boolean isInstalled() {
		return new File(BINARY).canExecute() && new File(DRIVER).canExecute();
	}

	WebDriver driver() {
		return driver;
	}

	void open(String url) {
		driver.get(url);
	}

	/** The input whose label reads exactly {@code label}. */
	WebElement field(String label) {
		WebElement labelElement = driver.findElement(By.xpath("//label[normalize-space()=" + literal(label) + "]"));
		return driver.findElement(By.id(labelElement.getDomAttribute("for")));
	}

	void type(String label, String text) {
		WebElement input = field(label);
		input.clear();
		input.sendKeys(text);
	}

	void press(String buttonText) {
		driver.findElement(By.xpath("//button[normalize-space()=" + literal(buttonText) + "]")).click();
	}

	String text() {
		return driver.findElement(By.tagName("body")).getText();
	}

	String url() {
		return driver.getCurrentUrl();
	}

	void waitForUrlStartingWith(String prefix) {
		waitUntil("URL starting with " + prefix, () -> url().startsWith(prefix));
	}

	/**
	 * The sign-in form of the server at {@code base}: at {@code /login}, or as the authorization
	 * endpoint's own answer (the same page at the request's address).
	 */
	void waitForSignInPage(String base) {
		waitUntil("the sign-in page of " + base, () -> url().startsWith(base)
				&& !driver.findElements(By.cssSelector("form[action='/login'] input[name='password']")).isEmpty());
	}

	void waitForText(String text) {
		waitUntil("text '" + text + "'", () -> text().contains(text));
	}

	/** The button reading {@code buttonText} is on the page and shown (a script may show it later). */
	boolean buttonShown(String buttonText) {
		return driver.findElements(By.xpath("//button[normalize-space()=" + literal(buttonText) + "]"))
			.stream()
			.anyMatch(WebElement::isDisplayed);
	}

	void waitForButton(String buttonText) {
		waitUntil("a shown button '" + buttonText + "'", () -> buttonShown(buttonText));
	}

	private void waitUntil(String what, java.util.function.BooleanSupplier condition) {
		try {
			// A page that is being replaced may hand back a stale body, or (Chromium 156) an inspector
			// error that the node "does not belong to the document": just look again.
			new WebDriverWait(driver, Duration.ofSeconds(20))
				.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
				.ignoring(org.openqa.selenium.NoSuchElementException.class)
				.ignoring(org.openqa.selenium.WebDriverException.class)
				.until(d -> condition.getAsBoolean());
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			throw new AssertionError("Waited 20 s for " + what + "; the browser is at " + url() + " showing:\n" + text(), ex);
		}
	}

	void screenshot(String name) throws IOException {
		Files.createDirectories(screenshots);
		Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
	}

	@Override
	public void close() {
		driver.quit();
		try (var files = Files.walk(userDataDir)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temp profile is harmless
		}
	}

	private static String literal(String text) {
		return "'" + text.replace("'", "") + "'";
	}

}
