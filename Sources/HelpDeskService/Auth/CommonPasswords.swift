/// Passwords that appear at the top of every leaked-password list, as written
/// (with their usual capitalised forms). Each is long enough to pass the length
/// rule, and each is among the first a guesser tries. The OpenAPI document lists
/// the same set, so a client knows exactly what is refused.
enum CommonPasswords {
    static let all: Set<String> = [
        "00000000", "11111111", "11112222", "11223344", "12121212", "123123123", "12341234", "12344321", "12345678",
        "123456789", "1234567890", "123456789a", "1234567a", "1234abcd", "1234qwer", "123qweasd", "147258369",
        "159753456", "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx", "741852963", "87654321", "88888888", "987654321",
        "Abcd1234", "Admin123", "Changeme1", "Football1", "Iloveyou1", "P@ssw0rd", "Passw0rd", "Password1",
        "Password123", "Qwerty123", "Qwertyuiop", "Summer2024", "Summer2025", "Sunshine1", "Welcome1", "Welcome123",
        "Winter2024", "Winter2025", "a123456789", "aaaaaaaa", "abc12345", "abcd1234", "abcdefgh", "access123",
        "admin123", "administrator", "arsenal1", "asdf1234", "asdfasdf", "asdfghjk", "baseball", "baseball1",
        "batman123", "changeme", "changeme1", "changeme123", "charlie1", "chelsea1", "computer", "corvette",
        "default1", "demodemo", "dragon12", "dragon123", "football", "football1", "football12", "freedom1",
        "google123", "guest123", "hello123", "helpdesk", "helpdesk1", "iloveyou", "iloveyou1", "iloveyou2",
        "internet", "jennifer", "letmein!", "letmein1", "letmein123", "liverpool", "login123", "master123",
        "maverick", "mercedes", "michelle", "monkey12", "monkey123", "p@ssw0rd", "p@ssword", "pa$$word", "passpass",
        "passw0rd", "password", "password!", "password1", "password12", "password123", "password1234", "princess",
        "princess1", "q1w2e3r4", "qweasdzxc", "qwer1234", "qwerasdf", "qwerty12", "qwerty123", "qwerty1234",
        "qwertyui", "qwertyuiop", "qwertyuiop123", "root1234", "samsung1", "secret123", "shadow123", "starwars",
        "summer2025", "sunshine", "sunshine1", "superman", "superman1", "support1", "test1234", "testtest",
        "trustme1", "trustno1", "user1234", "welcome!", "welcome1", "welcome123", "whatever", "whatever1",
        "winter2025", "zaq12wsx", "zxcvbnm1",
    ]

    /// Whether `password` is one of them, exactly.
    static func contains(_ password: String) -> Bool {
        all.contains(password)
    }
}
