"""Browser test of the ticket page's tools: an operator tags a ticket from the page, merges it
into another ticket and undoes the merge, and sees the SLA due time on the inbox row and on the
ticket count down.

Run through scripts/browser-test (it builds and starts the server and passes HELPDESK_URL,
HELPDESK_EMAIL, HELPDESK_PASSWORD, HELPDESK_CHANNEL). It shares that server with the other
browser tests, so it opens its own tickets through the API and finds them by number, puts the
team's settings back as they were, deletes the tag it made, and leaves its tickets resolved (the
other tests count the open ones).
"""
import re
import unittest
import urllib.parse

from browsing import BASE, CHANNEL, EMAIL, PASSWORD, api, browser, click, owner_token, sign_in, wait
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

TAG = "browser-tools"


class TicketTools(unittest.TestCase):
    def test_tag_merge_undo_and_sla_countdown(self):
        token = owner_token()
        # An SLA policy: the first response due two hours after a ticket opens (the calendar as it is).
        settings = api("GET", "/api/v1/settings", token=token)
        self.addCleanup(lambda: api("PUT", "/api/v1/settings", settings, token))
        target = {"firstResponseMinutes": 120, "resolutionMinutes": 480}
        policy = {"warningMinutes": 15, "targets": {p: target for p in ["low", "normal", "high", "urgent"]}}
        api("PUT", "/api/v1/settings", {**settings, "sla": policy}, token)

        def open_ticket(subject):
            ticket = api("POST", "/api/v1/tickets", {
                "subject": subject, "requester": {"name": "Tomás Tools", "email": "tomas@tools.example"}}, token)
            self.addCleanup(lambda: api("PATCH", f"/api/v1/tickets/{ticket['number']}", {"status": "resolved"}, token))
            return ticket["number"]
        duplicate = open_ticket("Printer jams (again)")
        original = open_ticket("Printer jams")
        self.addCleanup(lambda: api("DELETE", "/api/v1/tags/" + urllib.parse.quote(TAG), token=token))

        op = browser()
        self.addCleanup(op.quit)
        sign_in(op, EMAIL, PASSWORD)

        # The inbox row shows when the first response is due, as a countdown.
        op.get(BASE + "/app?view=all")
        row_due = wait(op).until(EC.visibility_of_element_located(
            (By.CSS_SELECTOR, f"#inbox-row-{duplicate} [data-testid='sla-due']")))
        self.assertRegex(row_due.text, r"^Due in 1 h 5\d min$")

        # So does the ticket, and the countdown moves on without a reload (every 30 seconds).
        op.get(f"{BASE}/app/tickets/{duplicate}")
        due = wait(op).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#fact-sla [data-testid='sla-due']")))
        self.assertRegex(due.text, r"^Due in 1 h 5\d min$")
        op.execute_script("const now = Date.now.bind(Date); Date.now = () => now() + 30 * 60 * 1000;")
        wait(op, 40).until(lambda d: re.match(r"^Due in 1 h 2\d min$",
                                              d.find_element(By.CSS_SELECTOR, "#fact-sla [data-testid='sla-due']").text))

        # A tag from the page: typed, added, shown as a chip.
        field = op.find_element(By.ID, "tag-add-name")
        field.send_keys(TAG)
        click(op, op.find_element(By.ID, "tag-add-button"))
        wait(op).until(EC.presence_of_element_located((By.CSS_SELECTOR, f"#ticket-tags li[data-tag='{TAG}']")))
        self.assertEqual(api("GET", f"/api/v1/tickets/{duplicate}", token=token)["tags"], [TAG])

        # Merged into the other ticket: the page goes to the target.
        op.find_element(By.ID, "merge-into").send_keys(str(original))
        click(op, op.find_element(By.ID, "merge-button"))
        wait(op).until(lambda d: d.current_url.endswith(f"/app/tickets/{original}"))
        wait(op).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".badge.merged-from")))
        self.assertEqual(api("GET", f"/api/v1/tickets/{duplicate}", token=token)["status"], "merged")

        # Back on the duplicate, within the ten minutes: the undo is offered and puts both back.
        op.get(f"{BASE}/app/tickets/{duplicate}")
        undo = wait(op).until(EC.visibility_of_element_located((By.ID, "unmerge")))
        self.assertFalse(op.find_element(By.ID, "merge-final").is_displayed())
        click(op, undo)
        wait(op).until(EC.presence_of_element_located((By.ID, "merge-form")))
        shown = api("GET", f"/api/v1/tickets/{duplicate}", token=token)
        self.assertEqual((shown["status"], shown["mergedInto"]), ("open", None))
        self.assertEqual(shown["tags"], [TAG])

    def test_tag_suggested_at_handoff_accepted_from_the_page(self):
        """A visitor mentions their invoice and asks for a person: the ticket suggests the team's
        "billing" tag, and the operator's ✓ puts it on."""
        token = owner_token()
        api("POST", "/api/v1/tags", {"name": "billing"}, token)
        self.addCleanup(lambda: api("DELETE", "/api/v1/tags/billing", token=token))
        before = api("GET", "/api/v1/tags/suggestion-stats", token=token)

        vis = browser(420, 800)
        self.addCleanup(vis.quit)
        vis.get(f"{BASE}/widget/demo?channel={CHANNEL}")
        vis.execute_script("localStorage.clear()")
        vis.get(f"{BASE}/widget/demo?channel={CHANNEL}")
        wait(vis).until(EC.element_to_be_clickable((By.ID, "hd-widget-bubble"))).click()
        box = wait(vis).until(EC.visibility_of_element_located((By.ID, "hd-widget-input")))
        box.send_keys("My invoice shows the wrong amount, I want to talk to a person")
        vis.find_element(By.ID, "hd-widget-send").click()
        wait(vis).until(lambda d: d.find_element(By.ID, "hd-widget-state").text.strip() != "")
        wait(vis).until(lambda d: api("GET", "/api/v1/tickets?view=all&q=wrong%20amount", token=token)["items"])
        number = api("GET", "/api/v1/tickets?view=all&q=wrong%20amount", token=token)["items"][0]["number"]
        self.addCleanup(lambda: api("PATCH", f"/api/v1/tickets/{number}", {"status": "resolved"}, token))

        op = browser()
        self.addCleanup(op.quit)
        sign_in(op, EMAIL, PASSWORD)
        op.get(f"{BASE}/app/tickets/{number}")
        accept = wait(op).until(EC.visibility_of_element_located(
            (By.CSS_SELECTOR, "[data-testid='tag-suggestion'][data-tag='billing'] .tag-suggestion-accept")))
        self.assertIn("Suggested:", op.find_element(By.ID, "tag-suggested").text)
        click(op, accept)
        wait(op).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#ticket-tags li[data-tag='billing']")))
        wait(op).until(EC.invisibility_of_element_located((By.ID, "tag-suggested")))
        self.assertEqual(api("GET", f"/api/v1/tickets/{number}", token=token)["tags"], ["billing"])
        after = api("GET", "/api/v1/tags/suggestion-stats", token=token)
        self.assertEqual((after["suggested"] - before["suggested"], after["accepted"] - before["accepted"]), (1, 1))
