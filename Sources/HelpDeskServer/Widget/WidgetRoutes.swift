import Hummingbird
import NIOCore

// The embeddable chat widget: `/widget.js` and the stylesheet it links, `/widget.css`,
// the files `widget.js` and `widget.css` in this folder, compiled into the binary
// by the EmbedAssets plugin and served verbatim.
//
// Any site embeds it with one tag:
//     <script src="https://helpdesk.example/widget.js" data-channel="CHANNEL_ID" async></script>
// The script takes the channel id from `data-channel` and the server origin from
// its own `src`, links `ORIGIN/widget.css`, and talks to the widget JSON API
// (`/widget/v1/{channelId}/…`, see `WidgetAPI`). Vanilla JavaScript in an IIFE,
// no dependencies, no build step. It never uses `innerHTML` and never sets an
// inline style, so it runs under strict host-page CSPs (which must still allow
// this origin in `script-src`, `style-src` and `connect-src`). Every class in the
// style sheet starts with `hd-` and every rule is scoped to `.hd-root`.

/// Serves the embeddable widget (`/widget.js`, `/widget.css`) and a demo page
/// that embeds it (`/widget/demo?channel=ID`).
enum WidgetRoutes {
    static func register(_ routes: RouteTable) {
        let script = EmbeddedAssets.file(named: "widget.js")
        let style = EmbeddedAssets.file(named: "widget.css")
        // Host pages load these on every visit: five minutes fresh keeps them fast,
        // and the ETag makes the revalidation after that a 304.
        let cacheControl = "public, max-age=300"
        routes.addPage(.get, "/widget.js") { request, _ in
            script.response(to: request, cacheControl: cacheControl)
        }
        routes.addPage(.get, "/widget.css") { request, _ in
            style.response(to: request, cacheControl: cacheControl)
        }
        routes.addPage(.get, "/widget/demo") { request, _ in
            let channel = request.uri.queryParameters["channel"].map(String.init) ?? ""
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: WidgetDemoPage.html(channelID: channel))))
        }
    }
}
