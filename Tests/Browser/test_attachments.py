"""Browser test of attachments: a visitor sends an image from the widget, the
operator sees it inline on the ticket and fetches it, and answers with a file
from the composer's paperclip.

Run through scripts/browser-test (it builds and starts the server and passes
HELPDESK_URL, HELPDESK_EMAIL, HELPDESK_PASSWORD, HELPDESK_CHANNEL). It shares
that server with the other browser tests, so it finds its ticket by number
from the widget, never by counting tickets, and leaves it resolved (the other
tests count the open ones).
"""
import os
import struct
import tempfile
import unittest
import zlib

from browsing import BASE, CHANNEL, EMAIL, PASSWORD, SHOTS, api, browser, click, owner_token, wait
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC



def png(width=24, height=16, rgb=(220, 60, 40)):
    """A real PNG image of one colour."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def resolve(number):
    """Resolves a ticket through the API: the other browser tests count the open tickets of this shared server."""
    api("PATCH", f"/api/v1/tickets/{number}", {"status": "resolved"}, owner_token())


def loaded(driver, image):
    return driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image)


class Attachments(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(SHOTS, exist_ok=True)
        cls.files = tempfile.mkdtemp(prefix="helpdesk-attachments-")
        cls.image = os.path.join(cls.files, "broken parcel.png")
        with open(cls.image, "wb") as out:
            out.write(png())
        cls.label = os.path.join(cls.files, "return-label.txt")
        with open(cls.label, "w") as out:
            out.write("Return to: Acme Shop, 1 Warehouse Way\n")
        cls.operator = browser()
        cls.visitor = browser(420, 800)

    @classmethod
    def tearDownClass(cls):
        cls.operator.quit()
        cls.visitor.quit()

    def test_a_visitor_sends_an_image_and_the_operator_sees_it_and_answers_with_a_file(self):
        op, vis = self.operator, self.visitor

        # A visitor asks for a person.
        vis.get(f"{BASE}/widget/demo?channel={CHANNEL}")
        wait(vis).until(EC.element_to_be_clickable((By.ID, "hd-widget-bubble"))).click()
        box = wait(vis).until(EC.visibility_of_element_located((By.ID, "hd-widget-input")))
        box.send_keys("My parcel arrived broken")
        vis.find_element(By.ID, "hd-widget-send").click()
        wait(vis, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#hd-widget-messages .hd-msg[data-author='ai']"))
        box.send_keys("I want to talk to a person please")
        vis.find_element(By.ID, "hd-widget-send").click()
        wait(vis, 20).until(lambda d: d.find_element(By.ID, "hd-widget-state").text.strip() != "")

        # Their ticket's number, from the widget's own list.
        vis.find_element(By.ID, "hd-widget-menu").click()
        wait(vis).until(EC.element_to_be_clickable((By.ID, "hd-widget-view-tickets"))).click()
        ticket = wait(vis).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#hd-widget-tickets .hd-ticket") or None)[0]
        number = ticket.get_attribute("data-number")
        # Whatever happens next, the ticket is left resolved, as the other tests expect no open ticket of ours.
        self.addCleanup(resolve, number)
        vis.find_element(By.ID, "hd-widget-back").click()

        # The paperclip is a labelled button; the chosen file is listed, uploads, and can be removed.
        attach = wait(vis).until(EC.element_to_be_clickable((By.ID, "hd-widget-attach")))
        self.assertEqual(attach.get_attribute("aria-label"), "Attach files")
        chooser = vis.find_element(By.ID, "hd-widget-file")
        chooser.send_keys(self.label)
        wait(vis).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#hd-widget-files .hd-upload[data-state='ready']"))
        vis.find_element(By.CSS_SELECTOR, "#hd-widget-files .hd-upload-remove").click()
        wait(vis).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#hd-widget-files .hd-upload"))
        # Then the image, sent without words.
        chooser.send_keys(self.image)
        wait(vis).until(lambda d: "ready to send" in d.find_element(By.ID, "hd-widget-files-status").text)
        vis.find_element(By.ID, "hd-widget-send").click()
        image = wait(vis, 20).until(lambda d: d.find_elements(
            By.CSS_SELECTOR, "#hd-widget-messages .hd-msg[data-author='customer'][data-id] img.hd-img") or None)[0]
        self.assertEqual(image.get_attribute("alt"), "broken parcel.png")
        wait(vis).until(lambda d: loaded(d, image) == 24)
        self.assertFalse(vis.find_element(By.ID, "hd-widget-files").is_displayed())

        # The operator opens the ticket: the image is inline, named by its alt text, and the link fetches it.
        op.get(BASE + "/app/login")
        op.find_element(By.ID, "login-email").send_keys(EMAIL)
        op.find_element(By.ID, "login-password").send_keys(PASSWORD)
        op.find_element(By.ID, "login-submit").click()
        wait(op).until(EC.presence_of_element_located((By.ID, "view-all")))
        op.get(f"{BASE}/app/tickets/{number}")
        shown = wait(op).until(lambda d: d.find_elements(
            By.CSS_SELECTOR, "[data-testid='timeline-entry'][data-kind='message'] .attachment-image img") or None)[0]
        self.assertEqual(shown.get_attribute("alt"), "broken parcel.png")
        op.execute_script("arguments[0].scrollIntoView({block: 'center'})", shown)
        wait(op).until(lambda d: loaded(d, shown) == 24)
        fetched = op.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch(arguments[0], {credentials: 'same-origin'}).then(async (r) => done({
              status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'),
              bytes: (await r.arrayBuffer()).byteLength,
            }), (e) => done({error: String(e)}));
        """, shown.get_attribute("src"))
        self.assertEqual(fetched.get("status"), 200, fetched)
        self.assertEqual(fetched.get("type"), "image/png")
        self.assertTrue(fetched.get("disposition", "").startswith("inline"), fetched)
        self.assertEqual(fetched.get("bytes"), os.path.getsize(self.image))

        # The operator takes over and answers with a file from the composer's paperclip.
        click(op, wait(op).until(EC.element_to_be_clickable((By.ID, "takeover"))))
        wait(op).until(lambda d: d.find_element(By.ID, "composer-channel").get_attribute("value") == "web")
        self.assertIn("Attach files", op.find_element(By.ID, "composer-attach").text)
        op.find_element(By.ID, "composer-files").send_keys(self.label)
        wait(op).until(lambda d: d.find_elements(
            By.CSS_SELECTOR, "#composer-attachments [data-testid='composer-attachment'][data-state='ready']"))
        self.assertIn("ready to send", op.find_element(By.ID, "composer-files-status").text)
        op.find_element(By.ID, "composer-body").send_keys("Here is your return label.")
        click(op, op.find_element(By.ID, "composer-send"))
        # Read inside the wait: a live update may render the timeline again between finding the link and reading it.
        wait(op).until(lambda d: [a.text for a in d.find_elements(
            By.CSS_SELECTOR, "[data-testid='timeline-entry'] .attachment-file a")][:1] == ["return-label.txt"])
        self.assertFalse(op.find_elements(By.CSS_SELECTOR, "#composer-attachments [data-testid='composer-attachment']"))

        # The visitor gets it as a download link, not inline.
        text, href = wait(vis, 20).until(lambda d: [(a.text, a.get_attribute("href")) for a in d.find_elements(
            By.CSS_SELECTOR, "#hd-widget-messages .hd-msg[data-author='operator'] .hd-file-link")][:1] or None)[0]
        self.assertEqual(text, "return-label.txt")
        self.assertIn("/attachments/", href)
        self.assertIn("signature=", href)
        vis.save_screenshot(os.path.join(SHOTS, "widget-attachments.png"))
        op.save_screenshot(os.path.join(SHOTS, "ticket-attachments.png"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
