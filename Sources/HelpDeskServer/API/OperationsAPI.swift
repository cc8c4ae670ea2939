import HelpDeskCore
import Hummingbird
import NIOCore

/// Health, readiness, metrics and the API description.
enum OperationsAPI {
    static func register(_ routes: RouteTable, helpDesk: HelpDesk) {
        routes.add(.get, "/health") { _, _ in try jsonResponse(["status": "ok"]) }
        routes.add(.get, "/ready") { _, context in
            do {
                try await helpDesk.store.ping()
                return try jsonResponse(["status": "ready"])
            } catch {
                context.logger.warning("not ready", metadata: ["error": "\(error)"])
                return Problem(
                    slug: "not-ready", title: "Not ready", status: .serviceUnavailable,
                    detail: "the database is not reachable or not migrated yet"
                ).response()
            }
        }
        routes.add(.get, "/metrics") { _, _ in
            var bytes: [UInt8] = []
            Observability.registry.emit(into: &bytes)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        // The document is API/openapi.json, compiled in by the EmbedAssets plugin.
        let document = EmbeddedAssets.file(named: "openapi.json")
        routes.add(.get, "/openapi.json") { request, _ in document.response(to: request, cacheControl: nil) }
    }
}
