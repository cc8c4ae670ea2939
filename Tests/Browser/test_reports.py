"""Browser test of the reports page: the owner opens Reports from the main menu, sees the
figures and the charts drawn as SVG (each an image with a title and a description), changes
the period with the form, and downloads a table as CSV. A screenshot goes to
docs/screenshots/reports.png (shown in the README), or to HELPDESK_SCREENSHOTS.

Run through scripts/browser-test (it builds and starts the server and passes HELPDESK_URL,
HELPDESK_EMAIL, HELPDESK_PASSWORD, HELPDESK_CHANNEL). It only reads, so it shares the server
with the other browser tests without changing what they count.
"""
import datetime
import os
import unittest
import urllib.request

from browsing import BASE, EMAIL, PASSWORD, SHOTS, browser, click, owner_token, sign_in, wait
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC


class Reports(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(SHOTS, exist_ok=True)
        cls.owner = browser(1280, 1400)

    @classmethod
    def tearDownClass(cls):
        cls.owner.quit()

    def test_the_owner_reads_the_report_changes_the_period_and_downloads_csv(self):
        op = self.owner
        sign_in(op, EMAIL, PASSWORD)
        click(op, wait(op).until(EC.element_to_be_clickable((By.LINK_TEXT, "Reports"))))
        chart = wait(op).until(EC.visibility_of_element_located((By.ID, "chart-days")))
        self.assertEqual(chart.get_attribute("role"), "img")
        self.assertTrue(op.find_element(By.ID, "chart-days-title").get_attribute("textContent"))
        self.assertIn("created", op.find_element(By.ID, "chart-days-desc").get_attribute("textContent"))
        # The demo team's tickets were created today: today's point of the created line is above zero.
        created = op.find_elements(By.CSS_SELECTOR, "#chart-days circle.series-created")
        self.assertEqual(len(created), 30)
        last = created[-1].find_element(By.TAG_NAME, "title").get_attribute("textContent")
        self.assertRegex(last, r"Created, \d{4}-\d{2}-\d{2}: [1-9]\d*$")
        self.assertTrue(op.find_element(By.ID, "chart-reasons").is_displayed())
        conversations = op.find_element(By.CSS_SELECTOR, "[data-testid=figure-conversations] .figure-value")
        self.assertRegex(conversations.text, r"^\d+$")
        op.save_screenshot(os.path.join(SHOTS, "reports.png"))

        # A one-week period through the form: seven days on the chart.
        today = datetime.date.fromisoformat(created[-1].find_element(By.TAG_NAME, "title")
                                            .get_attribute("textContent").split(", ")[1].split(":")[0])
        start = today - datetime.timedelta(days=6)
        field = op.find_element(By.ID, "report-from")
        op.execute_script("arguments[0].value = arguments[1]", field, start.isoformat())
        click(op, op.find_element(By.CSS_SELECTOR, "[data-testid=report-apply]"))
        wait(op).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#chart-days circle.series-created")) == 7)
        self.assertIn(f"from={start.isoformat()}", op.current_url)

        # The days table as CSV, with the owner's token (the link carries the page's period).
        link = op.find_element(By.CSS_SELECTOR, "[data-testid=report-csv]").get_attribute("href")
        request = urllib.request.Request(link.replace("table=summary", "table=days"),
                                         headers={"Authorization": "Bearer " + owner_token()})
        with urllib.request.urlopen(request, timeout=10) as response:
            self.assertTrue(response.headers["Content-Type"].startswith("text/csv"))
            lines = response.read().decode().split("\r\n")
        self.assertEqual(lines[0], "date,created,resolved")
        self.assertEqual(len([line for line in lines[1:] if line]), 7)


if __name__ == "__main__":
    unittest.main()
