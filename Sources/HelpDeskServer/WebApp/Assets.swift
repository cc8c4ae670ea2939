import Hummingbird
import NIOCore

extension WebApp {
    /// The web app's script and style sheet, `app.js` and `app.css` in this
    /// folder, compiled into the binary by the EmbedAssets plugin: no build step
    /// and nothing to deploy beside it.
    enum Assets {
        static func register(_ routes: RouteTable) {
            let script = ByteBuffer(bytes: EmbeddedAssets.file(named: "app.js").bytes)
            let style = ByteBuffer(bytes: EmbeddedAssets.file(named: "app.css").bytes)
            routes.addPage(.get, "/assets/app.js") { _, _ in
                response(script, contentType: "text/javascript; charset=utf-8")
            }
            routes.addPage(.get, "/assets/app.css") { _, _ in
                response(style, contentType: "text/css; charset=utf-8")
            }
        }

        /// `no-cache`: browsers revalidate, so a new release's script is used at once.
        static func response(_ body: ByteBuffer, contentType: String) -> Response {
            Response(
                status: .ok, headers: [.contentType: contentType, .cacheControl: "no-cache"],
                body: ResponseBody(byteBuffer: body))
        }
    }
}
