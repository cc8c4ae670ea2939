import Hummingbird

extension WebApp {
    /// The web app's script and style sheet, `app.js` and `app.css` in this
    /// folder, compiled into the binary by the EmbedAssets plugin: no build step
    /// and nothing to deploy beside it.
    enum Assets {
        /// `no-cache`: browsers revalidate with the ETag, so a new release's
        /// script is used at once and an unchanged one costs a 304.
        static let cacheControl = "no-cache"

        static func register(_ routes: RouteTable) {
            let script = EmbeddedAssets.file(named: "app.js")
            let style = EmbeddedAssets.file(named: "app.css")
            routes.addPage(.get, "/assets/app.js") { request, _ in
                script.response(to: request, cacheControl: cacheControl)
            }
            routes.addPage(.get, "/assets/app.css") { request, _ in
                style.response(to: request, cacheControl: cacheControl)
            }
        }
    }
}
