import Hummingbird
import NIOCore

/// Serves the embeddable widget (`/widget.js`, `/widget.css`) and a demo page
/// that embeds it (`/widget/demo?channel=ID`).
enum WidgetRoutes {
    static func register(_ routes: RouteTable) {
        routes.addPage(.get, "/widget.js") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "application/javascript; charset=utf-8", .cacheControl: "public, max-age=300"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: WidgetScript.javascript)))
        }
        routes.addPage(.get, "/widget.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=300"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: WidgetScript.css)))
        }
        routes.addPage(.get, "/widget/demo") { request, _ in
            let channel = request.uri.queryParameters["channel"].map(String.init) ?? ""
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: WidgetDemoPage.html(channelID: channel))))
        }
    }
}
