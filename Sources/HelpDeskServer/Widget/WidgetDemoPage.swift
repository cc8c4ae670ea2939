/// A small page that embeds the widget exactly as a customer's site would, for
/// manual tries and browser tests; served at `/widget/demo?channel=ID`. No
/// inline script or style, so it runs under the server's own strict CSP.
enum WidgetDemoPage {
    static func html(channelID: String) -> String {
        let channel = escape(channelID)
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Acme Shop — widget demo</title>
            </head>
            <body>
            <main>
            <h1>Acme Shop — widget demo</h1>
            <p>This page embeds the HelpDesk chat widget with a single script tag, as any shop would. \
            Open the chat bubble in the bottom right corner to talk to our assistant, ask for a person, \
            or view your tickets.</p>
            </main>
            <script src="/widget.js" data-channel="\(channel)" async></script>
            </body>
            </html>

            """
    }

    /// The one escaping function of every page: by Unicode scalar, so a quote
    /// carrying a combining mark is still a quote.
    private static func escape(_ text: String) -> String { WebApp.HTML.escape(text) }
}
