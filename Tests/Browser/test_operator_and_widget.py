"""Browser tests: a real server, headless Chromium, the operator app and the widget.

Run through scripts/browser-test (it builds and starts the server and passes
HELPDESK_URL, HELPDESK_EMAIL, HELPDESK_PASSWORD, HELPDESK_CHANNEL). Screenshots
go to docs/screenshots/ (shown in the README), or to HELPDESK_SCREENSHOTS.
"""
import os
import time
import unittest

from browsing import BASE, CHANNEL, EMAIL, PASSWORD, SHOTS, api, browser, click, owner_token, sign_in, wait
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

PAYLOAD = "<script>window.__pwned = true</script><b>bold?</b>"


class OperatorAndWidget(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(SHOTS, exist_ok=True)
        cls.operator = browser()
        cls.visitor = browser(420, 800)

    @classmethod
    def tearDownClass(cls):
        cls.operator.quit()
        cls.visitor.quit()

    def test_escalation_takeover_reply_note_resolve(self):
        op, vis = self.operator, self.visitor

        # An operator signs in.
        op.get(BASE + "/app/login")
        op.find_element(By.ID, "login-email").send_keys(EMAIL)
        op.find_element(By.ID, "login-password").send_keys(PASSWORD)
        op.find_element(By.ID, "login-submit").click()
        wait(op).until(EC.presence_of_element_located((By.ID, "view-all")))
        op.find_element(By.ID, "view-unassigned").click()
        time.sleep(1.0)  # the live socket is open
        # Alerts: sound on by default; desktop notifications only when asked for, by a button.
        self.assertTrue(op.find_element(By.ID, "alert-sound").is_selected())
        permission = op.execute_script("return typeof Notification === 'function' ? Notification.permission : 'none'")
        if permission == "default":
            self.assertTrue(op.find_element(By.ID, "alert-desktop").is_displayed())

        # A visitor on a page with the widget asks for a human.
        vis.get(f"{BASE}/widget/demo?channel={CHANNEL}")
        wait(vis).until(EC.element_to_be_clickable((By.ID, "hd-widget-bubble"))).click()
        box = wait(vis).until(EC.visibility_of_element_located((By.ID, "hd-widget-input")))
        box.send_keys(PAYLOAD)
        vis.find_element(By.ID, "hd-widget-send").click()
        wait(vis).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#hd-widget-messages .hd-msg[data-author='ai']")) >= 1)
        box.send_keys("I want to talk to a person please")
        vis.find_element(By.ID, "hd-widget-send").click()
        wait(vis).until(lambda d: d.find_element(By.ID, "hd-widget-state").text.strip() != "")
        # Markup in a customer message shows as text and never runs.
        texts = [e.text for e in vis.find_elements(By.CSS_SELECTOR, "#hd-widget-messages .hd-msg[data-author='customer']")]
        self.assertTrue(any("<script>" in t for t in texts), texts)
        self.assertIsNone(vis.execute_script("return window.__pwned"))

        # The ticket appears in the operator's inbox without a reload, marked unread.
        row = wait(op, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid^='inbox-row-']") or None)[0]
        wait(op).until(lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid^='inbox-row-'].unread [data-testid='unread']"))
        # The tab counts follow live too: the All count says it counts open tickets.
        wait(op).until(lambda d: d.find_element(By.ID, "count-unassigned").text == "1")
        self.assertEqual(op.find_element(By.ID, "count-all").text, "1 open")
        op.save_screenshot(os.path.join(SHOTS, "inbox.png"))
        number = row.get_attribute("data-testid").split("-")[-1]

        # Bulk: select the row and raise its priority from the inbox.
        click(op, row.find_element(By.CSS_SELECTOR, ".row-select"))
        wait(op).until(lambda d: d.find_element(By.ID, "bulk").is_displayed())
        Select(op.find_element(By.ID, "bulk-priority")).select_by_value("urgent")
        click(op, op.find_element(By.ID, "bulk-apply"))
        wait(op).until(lambda d: d.find_element(By.ID, "bulk-count").text == "Updated 1 ticket.")

        # Dark mode and a phone width, for the record (docs/screenshots), and the phone's order: list first.
        op.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        op.save_screenshot(os.path.join(SHOTS, "inbox-dark.png"))
        op.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
        op.set_window_size(390, 844)
        time.sleep(0.3)
        table_y = op.find_element(By.ID, "inbox-table").location["y"]
        filters_y = op.find_element(By.ID, "inbox-filters").location["y"]
        self.assertLess(table_y, filters_y, "on a phone the list comes before the filters")
        op.save_screenshot(os.path.join(SHOTS, "inbox-phone.png"))
        op.set_window_size(1280, 900)

        # j focuses the first row, as the shortcut list (?) says.
        op.find_element(By.TAG_NAME, "body").send_keys("j")
        self.assertIn(f"/app/tickets/{number}", op.switch_to.active_element.get_attribute("href") or "")

        # The operator opens it, takes over and replies.
        op.get(f"{BASE}/app/tickets/{number}")
        op.find_element(By.TAG_NAME, "body").send_keys("?")
        wait(op).until(lambda d: d.find_element(By.ID, "shortcuts").is_displayed())
        op.find_element(By.CSS_SELECTOR, "#shortcuts button").click()
        op.find_element(By.TAG_NAME, "body").send_keys("n")
        self.assertEqual(op.switch_to.active_element.get_attribute("id"), "composer-body")
        op.switch_to.active_element.send_keys(Keys.TAB)
        click(op, wait(op).until(EC.element_to_be_clickable((By.ID, "takeover"))))
        wait(op).until(lambda d: any("took over" in e.text or "taken over" in e.text.lower()
                                     for e in d.find_elements(By.CSS_SELECTOR, "[data-testid='timeline-entry']")))
        self.assertIsNone(op.execute_script("return window.__pwned"))
        click(op, op.find_element(By.ID, "composer-mode-reply"))
        wait(op).until(lambda d: d.find_element(By.ID, "composer-channel").get_attribute("value") == "web")
        op.find_element(By.ID, "composer-body").send_keys("Hello, this is your operator speaking.")
        click(op, op.find_element(By.ID, "composer-send"))

        # The reply appears in the visitor's widget.
        wait(vis, 20).until(lambda d: any("operator speaking" in e.text for e in
                                          d.find_elements(By.CSS_SELECTOR, "#hd-widget-messages .hd-msg[data-author='operator']")))
        vis.save_screenshot(os.path.join(SHOTS, "widget.png"))

        # A note: the visitor never sees it. Then resolve.
        click(op, op.find_element(By.ID, "composer-mode-note"))
        op.find_element(By.ID, "composer-body").send_keys("Internal: customer is a VIP")
        click(op, op.find_element(By.ID, "composer-send"))
        wait(op).until(lambda d: any("VIP" in e.text for e in d.find_elements(By.CSS_SELECTOR, "[data-testid='timeline-entry'][data-kind='note']")))
        op.save_screenshot(os.path.join(SHOTS, "ticket.png"))

        # Tags: put one on from the ticket page, see it as a chip and as a timeline event, take it off.
        tag_name = op.find_element(By.ID, "tag-add-name")
        op.execute_script("arguments[0].scrollIntoView({block: 'center'})", tag_name)
        tag_name.send_keys("VIP Customer")
        click(op, op.find_element(By.ID, "tag-add-button"))
        wait(op).until(lambda d: any(b.get_attribute("data-tag") == "vip customer"
                                     for b in d.find_elements(By.CSS_SELECTOR, "#ticket-tags .tag-remove")))
        wait(op).until(lambda d: any("vip customer" in e.text for e in d.find_elements(
            By.CSS_SELECTOR, "[data-testid='timeline-entry'][data-kind='event']")))
        self.assertIn("vip customer", [t["name"] for t in api("GET", "/api/v1/tags", None, owner_token())["items"]])
        remove = next(b for b in op.find_elements(By.CSS_SELECTOR, "#ticket-tags .tag-remove")
                      if b.get_attribute("data-tag") == "vip customer")
        click(op, remove)
        wait(op).until(lambda d: not any(b.get_attribute("data-tag") == "vip customer"
                                         for b in d.find_elements(By.CSS_SELECTOR, "#ticket-tags .tag-remove")))
        self.assertEqual(api("GET", f"/api/v1/tickets/{number}", None, owner_token())["tags"], [])

        # A canned reply: the owner writes one on the Canned replies page; in the composer, / at the
        # start opens the picker, the keyboard picks it, and the text arrives filled for this ticket,
        # unsent.
        op.get(BASE + "/app/canned-replies")
        click(op, wait(op).until(EC.element_to_be_clickable((By.ID, "canned-new"))))
        op.find_element(By.ID, "canned-title").send_keys("Greeting")
        op.find_element(By.ID, "canned-body").send_keys(
            "Hi {{customer.name}}, {{ operator.name }} here about #{{ticket.number}}; {{agent.name}} passed it on.")
        click(op, op.find_element(By.ID, "canned-save"))
        wait(op).until(lambda d: any("Greeting" in e.text for e in d.find_elements(By.CSS_SELECTOR, "[data-testid='canned-reply']")))
        op.get(f"{BASE}/app/tickets/{number}")
        composer = wait(op).until(EC.element_to_be_clickable((By.ID, "composer-body")))
        sent = len(op.find_elements(By.CSS_SELECTOR, "[data-testid='timeline-entry']"))
        composer.send_keys("/")
        search = wait(op).until(EC.visibility_of_element_located((By.ID, "canned-search")))
        self.assertEqual(op.switch_to.active_element.get_attribute("id"), "canned-search")
        search.send_keys("greet")
        option = wait(op).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#canned-list [role='option']") or None)[0]
        self.assertEqual(search.get_attribute("aria-activedescendant"), option.get_attribute("id"))
        search.send_keys(Keys.ENTER)
        filled = f"Hi Visitor, Olivia Owner here about #{number}; Shop Assistant passed it on."
        wait(op).until(lambda d: d.find_element(By.ID, "composer-body").get_attribute("value") == filled)
        self.assertEqual(op.switch_to.active_element.get_attribute("id"), "composer-body")
        self.assertFalse(op.find_element(By.ID, "canned-panel").is_displayed())
        time.sleep(1.0)
        self.assertEqual(len(op.find_elements(By.CSS_SELECTOR, "[data-testid='timeline-entry']")), sent, "nothing is sent")
        composer.clear()

        # Stepping through the priority with the arrow keys saves nothing until Enter (WCAG 3.2.2).
        def priority_events():
            return [e for e in op.find_elements(By.CSS_SELECTOR, "[data-testid='timeline-entry'][data-kind='event']")
                    if "priority" in e.text.lower()]
        before = len(priority_events())
        priority = op.find_element(By.ID, "ticket-priority")
        op.execute_script("arguments[0].scrollIntoView({block: 'center'})", priority)
        # (urgent since the bulk change: up, down, up ends on high)
        priority.send_keys(Keys.ARROW_UP)
        priority.send_keys(Keys.ARROW_DOWN)
        priority.send_keys(Keys.ARROW_UP)
        time.sleep(1.5)
        self.assertEqual(len(priority_events()), before, "arrow keys saved a priority")
        priority.send_keys(Keys.ENTER)
        wait(op).until(lambda d: len(priority_events()) == before + 1)

        status = op.find_element(By.ID, "ticket-status")
        op.execute_script("arguments[0].scrollIntoView({block: 'center'})", status)
        Select(status).select_by_value("resolved")
        wait(op).until(lambda d: d.find_element(By.ID, "ticket-status").get_attribute("value") == "resolved")
        # Resolving ends the live chat: the customer is told, and the AI answers what they write next.
        wait(vis, 20).until(lambda d: any("resolved" in e.text for e in
                                          d.find_elements(By.CSS_SELECTOR, "#hd-widget-messages .hd-msg")))
        self.assertFalse(any("VIP" in e.text for e in vis.find_elements(By.CSS_SELECTOR, "#hd-widget-messages .hd-msg")))
        # View tickets shows it resolved.
        vis.find_element(By.ID, "hd-widget-menu").click()
        wait(vis).until(EC.element_to_be_clickable((By.ID, "hd-widget-view-tickets"))).click()
        wait(vis).until(lambda d: any(e.get_attribute("data-status") == "resolved"
                                      for e in d.find_elements(By.CSS_SELECTOR, "#hd-widget-tickets .hd-ticket")))
        vis.find_element(By.ID, "hd-widget-back").click()
        box = wait(vis).until(EC.visibility_of_element_located((By.ID, "hd-widget-input")))

        # The customer writes again: the ticket reopens for the team, and the AI answers meanwhile.
        answers = len(vis.find_elements(By.CSS_SELECTOR, "#hd-widget-messages .hd-msg[data-author='ai']"))
        box.send_keys("How long does delivery take?")
        vis.find_element(By.ID, "hd-widget-send").click()
        wait(vis, 20).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#hd-widget-messages .hd-msg[data-author='ai']")) > answers)

        # The inbox sorted by how long customers have waited: the Sort select commits like the
        # filters and stays in the URL; the reopened ticket's customer waits again.
        op.get(BASE + "/app?view=all")
        sort = wait(op).until(EC.presence_of_element_located((By.ID, "filter-sort")))
        self.assertEqual(Select(sort).first_selected_option.get_attribute("value"), "activity")
        op.execute_script("arguments[0].scrollIntoView({block: 'center'})", sort)
        Select(sort).select_by_value("waiting")
        wait(op).until(lambda d: "sort=waiting" in d.current_url)
        sort = wait(op).until(EC.presence_of_element_located((By.ID, "filter-sort")))
        self.assertEqual(Select(sort).first_selected_option.get_attribute("value"), "waiting")
        wait(op).until(lambda d: d.find_elements(
            By.CSS_SELECTOR, f"[data-testid='inbox-row-{number}'] [data-testid='waiting']"))
        self.assertIn("sort=waiting", op.find_element(By.ID, "view-unassigned").get_attribute("href"))

        # Pasted text is never cut: past the limit the count says by how much, and Send waits.
        vis.execute_script("const b = document.getElementById('hd-widget-input'); b.value = 'x'.repeat(20001);"
                           "b.dispatchEvent(new Event('input'));")
        count = vis.find_element(By.ID, "hd-widget-count")
        self.assertEqual(count.text, "1 characters too long")
        self.assertEqual(len(vis.find_element(By.ID, "hd-widget-input").get_attribute("value")), 20001)
        self.assertFalse(vis.find_element(By.ID, "hd-widget-send").is_enabled())
        vis.execute_script("const b = document.getElementById('hd-widget-input'); b.value = '';"
                           "b.dispatchEvent(new Event('input'));")

        # Leave the team's counts as the other scenarios expect them: this ticket is done.
        api("PATCH", f"/api/v1/tickets/{number}", {"status": "resolved"},
            owner_token())

    def test_later_prechat_typing_handover_palette_and_alerts(self):
        """Runs after the first scenario (unittest orders by name): the pre-chat form, typing both ways,
        a held chat reassigned and answered by the new assignee, the title count, the desktop
        notification prompt, and the command palette."""
        op, vis = self.operator, self.visitor
        token = owner_token()
        agent_id = api("GET", "/api/v1/agents", token=token)["items"][0]["id"]
        channel = api("POST", "/api/v1/channels", {"kind": "web", "agentId": agent_id,
                                                   "config": {"allowedOrigins": [BASE], "preChat": "required"}}, token)
        riley_password = "riley-browser-password"
        riley = api("POST", "/api/v1/members", {"email": "riley@browser.test", "password": riley_password,
                                                "role": "operator", "displayName": "Riley Second"}, token)
        second = browser()
        self.addCleanup(second.quit)

        # Riley waits on the inbox with the tab in the background: a new ticket counts in the title.
        sign_in(second, "riley@browser.test", riley_password)
        second.find_element(By.ID, "view-all").click()
        time.sleep(1.0)  # the live socket is open
        second.execute_script("Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});")
        # The desktop-notification button asks the browser for permission (and only when pressed).
        second.execute_script("window.__asked = 0; if (window.Notification) Notification.requestPermission = "
                              "() => { window.__asked++; return Promise.resolve('default'); };")
        desktop = second.find_element(By.ID, "alert-desktop")
        if desktop.is_displayed():
            click(second, desktop)
            self.assertEqual(second.execute_script("return window.__asked"), 1)

        # A visitor on a channel with a required pre-chat form: name and email before anything else.
        vis.delete_all_cookies()
        vis.get(f"{BASE}/widget/demo?channel={channel['id']}")
        vis.execute_script("localStorage.clear()")
        vis.get(f"{BASE}/widget/demo?channel={channel['id']}")
        wait(vis).until(EC.element_to_be_clickable((By.ID, "hd-widget-bubble"))).click()
        wait(vis).until(EC.visibility_of_element_located((By.ID, "hd-widget-prechat")))
        self.assertFalse(vis.find_element(By.ID, "hd-widget-input").is_displayed())
        vis.find_element(By.ID, "hd-widget-prechat-name").send_keys("Petra Prechat")
        vis.find_element(By.ID, "hd-widget-prechat-email").send_keys("petra@example.com")
        vis.find_element(By.ID, "hd-widget-prechat-submit").click()
        box = wait(vis).until(EC.visibility_of_element_located((By.ID, "hd-widget-input")))
        self.assertFalse(vis.find_element(By.ID, "hd-widget-prechat").is_displayed())
        box.send_keys("My parcel is lost, I want to talk to a person")
        vis.find_element(By.ID, "hd-widget-send").click()
        wait(vis).until(lambda d: d.find_element(By.ID, "hd-widget-state").text.strip() != "")

        found = api("GET", "/api/v1/tickets?view=all&q=petra%40example.com", token=token)["items"]
        self.assertEqual(len(found), 1)
        number = found[0]["number"]
        self.assertEqual(found[0]["requester"]["name"], "Petra Prechat")
        wait(second).until(lambda d: d.title.startswith("(1) "))

        # The copilot answers from the inbox, with the ticket linked.
        sign_in(op, EMAIL, PASSWORD)
        click(op, op.find_element(By.ID, "copilot-open"))
        question = wait(op).until(EC.visibility_of_element_located((By.ID, "copilot-input")))
        question.send_keys("tickets from petra@example.com")
        question.send_keys(Keys.ENTER)
        wait(op).until(lambda d: d.find_elements(By.CSS_SELECTOR, f"#copilot-log a[href='/app/tickets/{number}']"))
        op.find_element(By.ID, "copilot-close").click()

        # The operator opens it with the command palette: Ctrl+K, the number, Enter.
        op.find_element(By.TAG_NAME, "body").send_keys(Keys.CONTROL, "k")
        palette = wait(op).until(EC.visibility_of_element_located((By.ID, "palette-input")))
        palette.send_keys(str(number))
        palette.send_keys(Keys.ENTER)
        wait(op).until(lambda d: d.current_url.endswith(f"/app/tickets/{number}"))
        # The customer panel shows where the chat started.
        customer = op.find_element(By.ID, "customer").text
        self.assertIn("petra@example.com", customer)
        self.assertIn("/widget/demo", customer)

        # Typing both ways once the operator holds the chat.
        click(op, wait(op).until(EC.element_to_be_clickable((By.ID, "takeover"))))
        wait(op).until(lambda d: d.find_element(By.ID, "composer-channel").get_attribute("value") == "web")
        op.find_element(By.ID, "composer-body").send_keys("Let me look")
        wait(vis).until(lambda d: "Olivia Owner is typing" in d.find_element(By.CSS_SELECTOR, ".hd-typing").text
                        and d.find_element(By.CSS_SELECTOR, ".hd-typing").is_displayed())
        op.find_element(By.ID, "composer-body").clear()
        vis.find_element(By.ID, "hd-widget-input").send_keys("hello?")
        wait(op).until(lambda d: d.find_element(By.ID, "customer-typing").is_displayed())
        vis.find_element(By.ID, "hd-widget-input").clear()

        # The owner hands the held chat to Riley, who answers it at once.
        assignee = op.find_element(By.ID, "ticket-assignee")
        op.execute_script("arguments[0].scrollIntoView({block: 'center'})", assignee)
        Select(assignee).select_by_value(riley["id"])
        assignee.send_keys(Keys.ENTER)
        wait(op).until(lambda d: "Riley Second" in d.find_element(By.ID, "fact-assignee").text)
        second.get(f"{BASE}/app/tickets/{number}")
        wait(second).until(lambda d: d.find_element(By.ID, "composer-channel").get_attribute("value") == "web")
        self.assertFalse(second.find_element(By.ID, "takeover").is_displayed())
        second.find_element(By.ID, "composer-body").send_keys("Riley here, I found your parcel.")
        click(second, second.find_element(By.ID, "composer-send"))
        wait(vis, 20).until(lambda d: any("found your parcel" in e.text for e in
                                          d.find_elements(By.CSS_SELECTOR, "#hd-widget-messages .hd-msg[data-author='operator']")))
        api("PATCH", f"/api/v1/tickets/{number}", {"status": "resolved"}, token)


if __name__ == "__main__":
    unittest.main(verbosity=2)
