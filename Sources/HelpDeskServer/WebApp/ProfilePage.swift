import HelpDeskCore
import HelpDeskService

extension WebApp {
    /// The signed-in member's profile: the name customers see, the From of email
    /// replies and the signature. `app.js` saves it with `PATCH /api/v1/me`.
    enum ProfilePage {
        static func render(chrome: Layout.Chrome) -> HTML {
            let member = chrome.caller.member
            let main: HTML = """
                <div class="page-head"><h1>Profile</h1></div>
                <p class="muted">Signed in as \(member.email) · \(Words.role(member.role)) of \(chrome.caller.team.name)</p>
                <form id="profile-form" class="card stack" novalidate>
                <div class="field"><label for="profile-display-name">Display name</label>
                <input id="profile-display-name" name="displayName" value="\(member.displayName)" required maxlength="\(TextLimits.name)" autocomplete="name">
                <span class="hint">Customers see it on your live replies.</span>
                <span class="field-error" data-error-for="displayName"></span></div>
                <div class="field"><label for="profile-sending-email">Sending email</label>
                <input id="profile-sending-email" name="sendingEmail" type="email" value="\(member.sendingEmail ?? "")" autocomplete="email">
                <span class="hint">The From address of your email replies.</span>
                <span class="field-error" data-error-for="sendingEmail"></span></div>
                <div class="field"><label for="profile-signature">Email signature</label>
                <textarea id="profile-signature" name="signature" rows="4" maxlength="\(TextLimits.signature)">\(member.signature ?? "")</textarea>
                <span class="hint">Added to email replies, not to live chat.</span>
                <span class="field-error" data-error-for="signature"></span></div>
                <p class="error" id="profile-error" role="alert"></p>
                <div class="form-actions"><button type="submit" class="button-primary" id="profile-save" data-testid="profile-save">Save profile</button>
                <span class="saved" id="profile-status" role="status"></span></div>
                </form>
                <h2>Password and sessions</h2>
                <form id="password-form" class="card stack" novalidate>
                <div class="field"><label for="password-current">Current password</label>
                <input id="password-current" name="currentPassword" type="password" required autocomplete="current-password">
                <span class="field-error" data-error-for="currentPassword"></span></div>
                <div class="field"><label for="password-new">New password</label>
                <input id="password-new" name="newPassword" type="password" required minlength="8" maxlength="72" autocomplete="new-password">
                <span class="hint">8 characters or more, not a common password. Your other sessions end.</span>
                <span class="field-error" data-error-for="newPassword"></span></div>
                <p class="error" id="password-error" role="alert"></p>
                <div class="form-actions"><button type="submit" class="button-primary" id="password-save">Change password</button>
                <span class="saved" id="password-status" role="status"></span></div>
                </form>
                <div class="card stack">
                <p>Lost a device, or signed in somewhere you should not have? End every session, this one too.</p>
                <div><button type="button" id="logout-all">Sign out everywhere</button></div>
                </div>
                """
            return Layout.page(title: "Profile", page: "profile", section: .profile, chrome: chrome, main: main)
        }
    }
}
