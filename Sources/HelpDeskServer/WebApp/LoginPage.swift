extension WebApp {
    /// The sign-in form. `app.js` posts it as JSON to `POST /api/v1/auth/login`
    /// (which sets the session cookie) and goes on to the inbox; without the
    /// script the form still posts, never putting the password in a URL.
    enum LoginPage {
        static func render() -> HTML {
            let content: HTML = """
                <main id="main" class="login">
                <h1><span class="brand">HelpDesk</span> Sign in</h1>
                <form id="login-form" class="card stack" method="post" action="/api/v1/auth/login">
                <div class="field">
                <label for="login-email">Email</label>
                <input id="login-email" data-testid="login-email" name="email" type="email" autocomplete="username" required autofocus>
                </div>
                <div class="field">
                <label for="login-password">Password</label>
                <input id="login-password" data-testid="login-password" name="password" type="password" autocomplete="current-password" required>
                </div>
                <p class="error" id="login-error" data-testid="login-error" role="alert"></p>
                <button type="submit" class="button-primary" id="login-submit" data-testid="login-submit">Sign in</button>
                </form>
                </main>
                """
            return Layout.document(title: "Sign in", page: "login", content: content)
        }
    }
}
