"""Accessibility: axe-core checks every page of the operator app and the open widget.

Run through scripts/browser-test (it installs the axe-core bundle from PyPI, builds and
starts the server and passes HELPDESK_URL, HELPDESK_EMAIL, HELPDESK_PASSWORD,
HELPDESK_CHANNEL). Each state is checked in light and in dark mode (prefers-color-scheme);
any violation of impact serious or critical fails the test, listed with its rule, its help
text and the nodes it was found on.

Independent of the other browser tests on the same server: the ticket and the canned reply
made here are resolved and deleted at the end, so no open ticket is left behind.
"""
import importlib.util
import os
import time
import unittest

from browsing import BASE, CHANNEL, EMAIL, PASSWORD, api, browser, click, wait
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

FAILING_IMPACTS = ("serious", "critical")
CANNED_TITLE = "Accessibility check"


def axe_source():
    """axe.min.js as the axe-playwright-python package ships it; only the script is used
    (run here through selenium), so the package is installed without its dependencies."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("axe-playwright-python is not installed (scripts/browser-test installs it)")
    with open(os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js"), encoding="utf-8") as file:
        return file.read()


class Accessibility(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.axe = axe_source()
        cls.operator = browser()
        cls.visitor = browser(420, 800)

    @classmethod
    def tearDownClass(cls):
        cls.operator.quit()
        cls.visitor.quit()

    def setUp(self):
        self.problems = {}  # a violation on a node: the states it was found in
        self.checked = []

    def audit(self, driver, state):
        """Runs axe on the page as it stands, in light and in dark mode."""
        for scheme in ("light", "dark"):
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                   {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
            time.sleep(0.2)
            if not driver.execute_script("return typeof window.axe === 'object'"):
                driver.execute_script(self.axe)
            violations = driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "axe.run(document, {resultTypes: ['violations']})"
                "  .then((results) => done(results.violations), (error) => done({error: String(error)}));")
            self.assertNotIsInstance(violations, dict, f"axe failed on {state} ({scheme}): {violations}")
            self.checked.append(f"{state} ({scheme})")
            for violation in violations:
                if violation.get("impact") not in FAILING_IMPACTS:
                    continue
                for node in violation["nodes"]:
                    summary = " ".join(node.get("failureSummary", "").split())
                    key = (f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})\n"
                           f"    {', '.join(map(str, node['target']))}: {summary}")
                    self.problems.setdefault(key, []).append(f"{state} ({scheme})")
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                               {"features": [{"name": "prefers-color-scheme", "value": "light"}]})

    def test_no_serious_or_critical_violation(self):
        op, vis = self.operator, self.visitor
        token = api("POST", "/api/v1/auth/login", {"email": EMAIL, "password": PASSWORD})["token"]
        number = None
        canned_id = None
        try:
            # The sign-in page, then signing in.
            op.get(BASE + "/app/login")
            wait(op).until(EC.presence_of_element_located((By.ID, "login-email")))
            self.audit(op, "login")
            op.find_element(By.ID, "login-email").send_keys(EMAIL)
            op.find_element(By.ID, "login-password").send_keys(PASSWORD)
            op.find_element(By.ID, "login-submit").click()
            wait(op).until(EC.presence_of_element_located((By.ID, "view-all")))

            # The widget: closed, open with a conversation, its menu, the visitor's tickets.
            vis.get(f"{BASE}/widget/demo?channel={CHANNEL}")
            bubble = wait(vis).until(EC.element_to_be_clickable((By.ID, "hd-widget-bubble")))
            self.audit(vis, "widget demo, widget closed")
            bubble.click()
            box = wait(vis).until(EC.visibility_of_element_located((By.ID, "hd-widget-input")))
            box.send_keys("How long does delivery take?")
            vis.find_element(By.ID, "hd-widget-send").click()
            wait(vis).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#hd-widget-messages .hd-msg[data-author='ai']"))
            box.send_keys("I want to talk to a person please")
            vis.find_element(By.ID, "hd-widget-send").click()
            wait(vis).until(lambda d: d.find_element(By.ID, "hd-widget-state").text.strip() != "")
            self.audit(vis, "widget open with a conversation")
            vis.execute_script("const b = document.getElementById('hd-widget-input'); b.value = 'x'.repeat(20001);"
                               "b.dispatchEvent(new Event('input'));")
            wait(vis).until(lambda d: d.find_element(By.ID, "hd-widget-count").is_displayed())
            self.audit(vis, "widget, a message too long")
            vis.execute_script("const b = document.getElementById('hd-widget-input'); b.value = '';"
                               "b.dispatchEvent(new Event('input'));")
            vis.find_element(By.ID, "hd-widget-menu").click()
            wait(vis).until(EC.element_to_be_clickable((By.ID, "hd-widget-view-tickets")))
            self.audit(vis, "widget menu open")
            vis.find_element(By.ID, "hd-widget-view-tickets").click()
            ticket = wait(vis).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#hd-widget-tickets .hd-ticket") or None)[0]
            number = ticket.get_attribute("data-number")
            self.audit(vis, "widget ticket list")
            vis.find_element(By.ID, "hd-widget-back").click()
            wait(vis).until(EC.visibility_of_element_located((By.ID, "hd-widget-input")))

            # The inbox with the ticket in it, and with the ticket selected (the bulk bar).
            op.get(BASE + "/app")
            row = wait(op, 20).until(EC.presence_of_element_located((By.ID, f"inbox-row-{number}")))
            self.audit(op, "inbox")
            op.set_window_size(390, 844)
            self.audit(op, "inbox on a phone")
            op.set_window_size(1280, 900)
            click(op, row.find_element(By.CSS_SELECTOR, ".row-select"))
            wait(op).until(lambda d: d.find_element(By.ID, "bulk").is_displayed())
            self.audit(op, "inbox, a ticket selected")
            click(op, op.find_element(By.ID, f"inbox-row-{number}").find_element(By.CSS_SELECTOR, ".row-select"))

            # The canned replies page, its editor, and one reply for the picker.
            op.get(BASE + "/app/canned-replies")
            new = wait(op).until(EC.element_to_be_clickable((By.ID, "canned-new")))
            self.audit(op, "canned replies")
            click(op, new)
            wait(op).until(EC.visibility_of_element_located((By.ID, "canned-title"))).send_keys(CANNED_TITLE)
            op.find_element(By.ID, "canned-body").send_keys("Thanks for waiting, {{customer.name}}.")
            self.audit(op, "canned replies, editor open")
            click(op, op.find_element(By.ID, "canned-save"))
            saved = wait(op).until(lambda d: [e for e in d.find_elements(By.CSS_SELECTOR, "[data-testid='canned-reply']")
                                              if CANNED_TITLE in e.text] or None)[0]
            canned_id = saved.get_attribute("data-reply-id")
            self.audit(op, "canned replies, one saved")

            # The ticket page, the shortcuts dialog, the canned-reply picker.
            op.get(f"{BASE}/app/tickets/{number}")
            composer = wait(op).until(EC.element_to_be_clickable((By.ID, "composer-body")))
            self.audit(op, "ticket")
            # A note, a takeover and a reply: every kind of timeline entry, the reply with its delivery.
            click(op, op.find_element(By.ID, "composer-mode-note"))
            composer.send_keys("An internal note")
            self.audit(op, "ticket, writing a note")
            click(op, op.find_element(By.ID, "composer-send"))
            wait(op).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='timeline-entry'][data-kind='note']"))
            click(op, wait(op).until(EC.element_to_be_clickable((By.ID, "takeover"))))
            click(op, op.find_element(By.ID, "composer-mode-reply"))
            wait(op).until(lambda d: d.find_element(By.ID, "composer-channel").get_attribute("value") == "web")
            composer.send_keys("Hello from the team.")
            click(op, op.find_element(By.ID, "composer-send"))
            wait(op).until(lambda d: any("Hello from the team" in e.text for e in
                                         d.find_elements(By.CSS_SELECTOR, "[data-testid='timeline-entry']")))
            time.sleep(1.0)  # the delivery state arrives
            self.audit(op, "ticket with a note and a reply")
            wait(vis, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#hd-widget-messages .hd-msg[data-author='operator']"))
            self.audit(vis, "widget with an operator's reply")
            op.find_element(By.TAG_NAME, "body").send_keys("?")
            wait(op).until(lambda d: d.find_element(By.ID, "shortcuts").is_displayed())
            self.audit(op, "ticket, shortcuts dialog open")
            op.find_element(By.CSS_SELECTOR, "#shortcuts button").click()
            wait(op).until(lambda d: not d.find_element(By.ID, "shortcuts").is_displayed())
            composer.send_keys("/")
            wait(op).until(EC.visibility_of_element_located((By.ID, "canned-search")))
            wait(op).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#canned-list [role='option']"))
            self.audit(op, "ticket, canned-reply picker open")

            # Agents: the list, and the editor with every part shown.
            op.get(BASE + "/app/agents")
            new = wait(op).until(EC.element_to_be_clickable((By.ID, "agent-new")))
            self.audit(op, "agents")
            click(op, new)
            wait(op).until(EC.visibility_of_element_located((By.ID, "agent-name")))
            click(op, op.find_element(By.ID, "brain-llm"))
            handover = op.find_element(By.ID, "handover-enabled")
            if not handover.is_selected():
                click(op, handover)
            wait(op).until(lambda d: d.find_element(By.ID, "llm-fields").is_displayed()
                           and d.find_element(By.ID, "handover-fields").is_displayed())
            click(op, op.find_element(By.ID, "faq-add"))
            self.audit(op, "agents, editor open")

            # Settings, every tab.
            op.get(BASE + "/app/settings")
            for tab in ("general", "assignment", "handover", "copilot"):
                click(op, wait(op).until(EC.element_to_be_clickable((By.ID, f"tab-{tab}"))))
                wait(op).until(lambda d: d.find_element(By.ID, f"panel-{tab}").is_displayed())
                self.audit(op, f"settings, {tab}")
            # The copilot's model fields, shown (nothing is saved).
            click(op, op.find_element(By.ID, "copilot-llm"))
            wait(op).until(lambda d: d.find_element(By.ID, "copilot-llm-fields").is_displayed())
            self.audit(op, "settings, copilot with the model's fields")

            # Reports, with their charts.
            op.get(BASE + "/app/reports")
            wait(op).until(EC.presence_of_element_located((By.ID, "chart-days")))
            self.audit(op, "reports")

            # Profile, and a page for what is not there.
            op.get(BASE + "/app/profile")
            wait(op).until(EC.presence_of_element_located((By.ID, "profile-form")))
            self.audit(op, "profile")
            op.get(BASE + "/app/tickets/999999999")
            wait(op).until(EC.presence_of_element_located((By.CSS_SELECTOR, "main .notice")))
            self.audit(op, "not found")
        finally:
            # Leave no open ticket and no canned reply for the other tests.
            if number:
                api("PATCH", f"/api/v1/tickets/{number}", {"status": "resolved"}, token)
            if canned_id:
                api("DELETE", f"/api/v1/canned-replies/{canned_id}", None, token)

        print("axe checked:\n  " + "\n  ".join(self.checked))
        if self.problems:
            self.fail("axe found serious or critical violations:\n\n" + "\n\n".join(
                f"{problem}\n    on: {'; '.join(states)}" for problem, states in self.problems.items()))


if __name__ == "__main__":
    unittest.main(verbosity=2)
