package dev.herald.browser;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The demo page ({@code src/main/webapp/index.html}) as a user sees it: a form, a state, buttons, two logs. */
final class DemoPage {

    private final ChromeDriver driver;

    DemoPage(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Opens the page at the web root of the deployment; {@code query} such as {@code ?topic=...} or empty. */
    DemoPage open(URL deployment, String query) {
        driver.get("about:blank"); // ends the previous page's streams and timers
        driver.get(deployment.toString() + query);
        return this;
    }

    void connect(String topic, String eventNames) {
        type("topic", topic);
        type("events", eventNames);
        driver.findElement(By.cssSelector("#subscribe button[type=submit]")).click();
    }

    private void type(String id, String text) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    void disconnect() {
        driver.findElement(By.id("disconnect")).click();
    }

    void dropConnection() {
        driver.findElement(By.id("drop")).click();
    }

    void setUpstreamMode(String mode) {
        driver.findElement(By.cssSelector("#modes button[data-mode=" + mode + "]")).click();
    }

    String upstreamMode() {
        return driver.findElement(By.id("mode")).getText();
    }

    /** {@code connecting}, {@code open}, {@code waiting} or {@code closed}: herald.js's state, as the page shows it. */
    String state() {
        return driver.findElement(By.id("state")).getDomAttribute("data-state");
    }

    String stateText() {
        return driver.findElement(By.id("state")).getText();
    }

    /** The ids of the events of this name in the events log, in the order they were shown. */
    @SuppressWarnings("unchecked")
    List<String> eventIds(String name) {
        return (List<String>) driver.executeScript("return [...document.querySelectorAll("
                + "'#events-log li[data-event=\"' + arguments[0] + '\"]')].map(li => li.dataset.id)", name);
    }

    /** The events log's rows, as text. */
    List<String> eventRows() {
        return driver.findElements(By.cssSelector("#events-log li")).stream().map(WebElement::getText).toList();
    }

    /** Each row of the errors log: {@code type}, {@code retryable}, {@code retryAfterMs} and {@code text}. */
    @SuppressWarnings("unchecked")
    List<Map<String, String>> problems() {
        return (List<Map<String, String>>) driver.executeScript("return [...document.querySelectorAll("
                + "'#problems li')].map(li => ({type: li.dataset.type, retryable: li.dataset.retryable,"
                + " retryAfterMs: li.dataset.retryAfterMs, text: li.textContent}))");
    }
}
