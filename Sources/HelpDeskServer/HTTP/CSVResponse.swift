import Hummingbird

/// CSV answers of the API (reports, the audit log): the same route answers JSON, or CSV when asked.
enum CSVResponse {
    /// Whether an `Accept` header asks for CSV: `text/csv` is listed before any JSON type (or `*/*`).
    static func preferred(by accept: String?) -> Bool {
        guard let accept else { return false }
        let types = accept.split(separator: ",").map {
            ($0.split(separator: ";").first.map(String.init) ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        }
        guard let csv = types.firstIndex(of: "text/csv") else { return false }
        let json = types.firstIndex { $0 == "application/json" || $0 == "*/*" || $0 == "application/*" }
        return json.map { csv < $0 } ?? true
    }

    /// A CSV download named `filename`, never cached.
    static func make(_ text: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(filename)\"", .cacheControl: "no-store",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
