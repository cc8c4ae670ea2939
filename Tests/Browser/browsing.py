"""What the browser tests share: the server they run against (scripts/browser-test passes
HELPDESK_URL, HELPDESK_EMAIL, HELPDESK_PASSWORD, HELPDESK_CHANNEL), headless Chromium, the
API called directly, and small waiting and clicking helpers."""
import json
import os
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ["HELPDESK_URL"]
EMAIL = os.environ["HELPDESK_EMAIL"]
PASSWORD = os.environ["HELPDESK_PASSWORD"]
CHANNEL = os.environ["HELPDESK_CHANNEL"]
SHOTS = os.environ.get("HELPDESK_SCREENSHOTS", "docs/screenshots")


def browser(width=1280, height=900):
    """Headless Chromium at this window size (CHROME_BINARY and CHROMEDRIVER may point elsewhere)."""
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 f"--window-size={width},{height}"]:
        options.add_argument(flag)
    binary = os.environ.get("CHROME_BINARY")
    if binary:
        options.binary_location = binary
    service = webdriver.ChromeService(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_script_timeout(60)
    return driver


def click(driver, element):
    """Scrolls the element to the middle of the viewport (clear of sticky bars), then clicks it."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def wait(driver, seconds=15):
    # Live updates replace rows and entries while a condition reads them: a stale element means "look again".
    return WebDriverWait(driver, seconds, poll_frequency=0.2, ignored_exceptions=[StaleElementReferenceException])


def api(method, path, body=None, token=None):
    """A JSON call to the server's API, as a bearer token's holder (or anonymously)."""
    request = urllib.request.Request(
        BASE + path, method=method, data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json", **({"Authorization": "Bearer " + token} if token else {})})
    with urllib.request.urlopen(request) as response:
        data = response.read()
        return json.loads(data) if data else None


def owner_token():
    return api("POST", "/api/v1/auth/login", {"email": EMAIL, "password": PASSWORD})["token"]


def sign_in(driver, email, password):
    """Signs in (a browser already signed in lands on the inbox)."""
    driver.get(BASE + "/app/login")
    if not driver.find_elements(By.ID, "login-email"):
        driver.get(BASE + "/app")
        wait(driver).until(EC.presence_of_element_located((By.ID, "view-all")))
        return
    driver.find_element(By.ID, "login-email").send_keys(email)
    driver.find_element(By.ID, "login-password").send_keys(password)
    driver.find_element(By.ID, "login-submit").click()
    wait(driver).until(EC.presence_of_element_located((By.ID, "view-all")))
