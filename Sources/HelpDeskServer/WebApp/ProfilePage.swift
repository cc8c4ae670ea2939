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
                """
            return Layout.page(title: "Profile", page: "profile", section: .profile, chrome: chrome, main: main)
        }
    }
}
