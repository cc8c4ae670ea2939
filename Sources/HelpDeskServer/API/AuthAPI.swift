import Foundation
import HelpDeskCore
import HelpDeskService
import HelpDeskStore
import Hummingbird

/// Sign-in, sign-out, the caller's own profile, and team members.
enum AuthAPI {
    struct LoginBody: Decodable {
        var email: String
        var password: String
    }

    struct LoginResult: Encodable {
        var token: String
        var csrfToken: String
        var expiresAt: Timestamp
        var member: MemberJSON
    }

    struct ProfileBody: Decodable {
        var role: Role?
        var displayName: String?
        var sendingEmail: String??
        var signature: String??
        var availability: Availability?

        enum CodingKeys: String, CodingKey { case role, displayName, sendingEmail, signature, availability }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            role = try c.decodeUnlessAbsent(Role.self, forKey: .role)
            displayName = try c.decodeUnlessAbsent(String.self, forKey: .displayName)
            sendingEmail = try c.decodePatchField(String.self, forKey: .sendingEmail)
            signature = try c.decodePatchField(String.self, forKey: .signature)
            availability = try c.decodeUnlessAbsent(Availability.self, forKey: .availability)
        }

        var change: MemberChange {
            MemberChange(
                role: role, displayName: displayName, sendingEmail: sendingEmail, signature: signature,
                availability: availability)
        }

        var isEmpty: Bool {
            role == nil && displayName == nil && sendingEmail == nil && signature == nil && availability == nil
        }
    }

    struct NewMemberBody: Decodable {
        var email: String
        var password: String
        var role: Role
        var displayName: String
        var sendingEmail: String?
        var signature: String?
    }

    struct PasswordChangeBody: Decodable {
        var currentPassword: String
        var newPassword: String
    }

    /// 204 that clears the session and CSRF cookies.
    static func signedOut(_ configuration: ServerConfiguration) -> Response {
        var response = Response(status: .noContent)
        for name in [AuthenticationMiddleware.sessionCookie, AuthenticationMiddleware.csrfCookie] {
            response.setCookie(
                Cookie(
                    name: name, value: "", maxAge: 0, path: "/", secure: configuration.secureCookies,
                    httpOnly: name == AuthenticationMiddleware.sessionCookie, sameSite: .lax))
        }
        return response
    }

    static func register(_ routes: RouteTable, helpDesk: HelpDesk, configuration: ServerConfiguration) {
        routes.add(.post, "/api/v1/auth/login") { request, context in
            let body = try await request.decodeJSON(LoginBody.self)
            let signIn = try await helpDesk.login(
                email: body.email, password: body.password, clientAddress: context.clientAddress)
            var response = try jsonResponse(
                LoginResult(
                    token: signIn.token, csrfToken: signIn.csrfToken, expiresAt: signIn.expiresAt,
                    member: MemberJSON(member: signIn.caller.member, openTickets: nil)))
            let maxAge = Int(signIn.expiresAt.date.timeIntervalSinceNow)
            response.setCookie(
                Cookie(
                    name: AuthenticationMiddleware.sessionCookie, value: signIn.token, maxAge: maxAge, path: "/",
                    secure: configuration.secureCookies, httpOnly: true, sameSite: .lax))
            response.setCookie(
                Cookie(
                    name: AuthenticationMiddleware.csrfCookie, value: signIn.csrfToken, maxAge: maxAge, path: "/",
                    secure: configuration.secureCookies, httpOnly: false, sameSite: .lax))
            return response
        }
        routes.add(.post, "/api/v1/auth/logout") { _, context in
            _ = try context.requireCaller()
            if let token = context.sessionToken { try await helpDesk.logout(token: token) }
            return signedOut(configuration)
        }
        routes.add(.post, "/api/v1/auth/logout-all") { _, context in
            let caller = try context.requireCaller()
            try await helpDesk.logoutEverywhere(caller)
            return signedOut(configuration)
        }
        routes.add(.post, "/api/v1/me/password") { request, context in
            let caller = try context.requireCaller()
            let body = try await request.decodeJSON(PasswordChangeBody.self)
            try await helpDesk.changePassword(
                caller, sessionToken: context.sessionToken, current: body.currentPassword, new: body.newPassword)
            return Response(status: .noContent)
        }
        routes.add(.get, "/api/v1/me") { _, context in
            let caller = try context.requireCaller()
            return try jsonResponse(MemberJSON(member: caller.member, openTickets: nil))
        }
        routes.add(.patch, "/api/v1/me") { request, context in
            let caller = try context.requireCaller()
            let body = try await request.decodeJSON(ProfileBody.self)
            guard body.role == nil else {
                throw HelpDeskError.invalid("role", "cannot be changed through /me; an owner or manager changes roles")
            }
            guard !body.isEmpty else {
                throw HelpDeskError.badRequest(
                    "nothing to change: send displayName, sendingEmail, signature or availability")
            }
            let member = try await helpDesk.updateMember(caller, id: caller.member.id, body.change)
            return try jsonResponse(MemberJSON(member: member, openTickets: nil))
        }
        routes.add(.get, "/api/v1/members") { _, context in
            let caller = try context.requireCaller()
            let members = try await helpDesk.members(caller)
            return try jsonResponse(
                ItemsJSON(items: members.map { MemberJSON(member: $0.member, openTickets: $0.openTickets) }))
        }
        routes.add(.post, "/api/v1/members") { request, context in
            let caller = try context.requireCaller()
            try caller.requireConfigure("add members")
            let body = try await request.decodeJSON(NewMemberBody.self)
            let member = try await helpDesk.addMember(
                caller, email: body.email, password: body.password, role: body.role, displayName: body.displayName,
                sendingEmail: body.sendingEmail, signature: body.signature)
            return try jsonResponse(MemberJSON(member: member, openTickets: 0), status: .created)
        }
        routes.add(.delete, "/api/v1/members/:id") { _, context in
            let caller = try context.requireCaller()
            try await helpDesk.removeMember(caller, id: context.parameters.get("id") ?? "")
            return Response(status: .noContent)
        }
        routes.add(.patch, "/api/v1/members/:id") { request, context in
            let caller = try context.requireCaller()
            let id = context.parameters.get("id") ?? ""
            let body = try await request.decodeJSON(ProfileBody.self)
            guard !body.isEmpty else {
                throw HelpDeskError.badRequest(
                    "nothing to change: send role, displayName, sendingEmail, signature or availability")
            }
            let member = try await helpDesk.updateMember(caller, id: id, body.change)
            return try jsonResponse(MemberJSON(member: member, openTickets: nil))
        }
        routes.add(.get, "/api/v1/settings") { _, context in
            let caller = try context.requireCaller()
            return try jsonResponse(SettingsJSON(try await helpDesk.settings(caller)))
        }
        routes.add(.put, "/api/v1/settings") { request, context in
            let caller = try context.requireCaller()
            try caller.requireConfigure("change settings")
            let body = try await request.decodeJSON(SettingsJSON.self)
            return try jsonResponse(SettingsJSON(try await helpDesk.updateSettings(caller, body.change)))
        }
    }
}
