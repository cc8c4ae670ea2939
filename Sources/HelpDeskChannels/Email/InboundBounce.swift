/// The message a delivery status notification (RFC 3464) returns. A bounce
/// is a `multipart/report` holding a human notice, a machine-readable
/// `message/delivery-status` part and the original, whole (`message/rfc822`)
/// or its header only (`text/rfc822-headers`, RFC 6522). The original's
/// Message-ID is one the help desk generated, so it names the outbound
/// message that failed and its ticket, even when the bounce arrives at a
/// plain address without a reply token.
enum InboundBounce {
    /// The parts that report on delivery; the `global` forms (RFC 6533) are
    /// their counterparts for mail with UTF-8 headers.
    static let statusTypes: Set<String> = ["message/delivery-status", "message/global-delivery-status"]
    /// The parts that carry the original message or its header section.
    static let originalTypes: Set<String> = [
        "message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers",
    ]

    /// The Message-ID of the original in the first delivery status report in
    /// `root`'s tree, without angle brackets; nil when there is no such
    /// report or its original carries no Message-ID. A read receipt or another
    /// report without a delivery status part is not a bounce.
    static func bouncedMessageID(_ root: MIMEPart) -> String? {
        if root.contentType.value == "multipart/report",
            root.children.contains(where: { statusTypes.contains($0.contentType.value) })
        {
            for child in root.children where originalTypes.contains(child.contentType.value) {
                let (headers, _, _) = MIMEHeaders.parse(child.body, in: 0..<child.body.count)
                if let id = headers["message-id"].flatMap({ MIMEMessageID.list($0).first }) { return id }
            }
            return nil
        }
        for child in root.children {
            if let id = bouncedMessageID(child) { return id }
        }
        return nil
    }
}
