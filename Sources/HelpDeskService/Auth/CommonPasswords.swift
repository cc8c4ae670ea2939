/// Passwords that appear at the top of every leaked-password list. Each is long
/// enough to pass the length rule, and each is among the first a guesser tries.
enum CommonPasswords {
    static let all: Set<String> = [
        "password", "12345678", "123456789", "1234567890", "qwertyuiop", "password1", "iloveyou", "sunshine",
        "princess", "football", "baseball", "welcome1", "abc12345", "11111111", "00000000", "qwerty123", "1q2w3e4r",
        "password123", "letmein1", "trustno1", "superman", "starwars", "whatever", "passw0rd", "zaq12wsx",
        "qwertyui", "asdfghjk", "1qaz2wsx", "87654321", "12341234", "88888888", "11223344", "123123123", "987654321",
        "charlie1", "computer", "michelle", "jennifer", "corvette", "mercedes", "maverick", "liverpool", "chelsea1",
        "arsenal1", "changeme", "changeme1", "changeme123", "admin123", "administrator", "welcome123", "helpdesk",
        "helpdesk1", "support1", "letmein123", "monkey123", "dragon123", "shadow123", "master123", "1234qwer",
        "q1w2e3r4", "qwer1234", "asdf1234", "hello123", "freedom1", "whatever1", "iloveyou1", "princess1",
        "sunshine1", "football1", "baseball1", "default1", "secret123", "p@ssw0rd", "p@ssword", "pa$$word",
        "passpass", "testtest", "test1234", "demodemo", "guest123", "internet", "samsung1", "google123", "abcd1234",
        "aaaaaaaa", "12121212", "123qweasd", "qweasdzxc", "1q2w3e4r5t", "zxcvbnm1", "asdfasdf", "qwerasdf",
        "password12", "password1234", "qwerty12", "qwerty1234", "123456789a", "a123456789", "1234567a", "1234abcd",
        "abcdefgh", "12344321", "11112222", "147258369", "159753456", "741852963", "qwertyuiop123", "monkey12",
        "dragon12", "letmein!", "welcome!", "password!", "iloveyou2", "football12", "superman1", "batman123",
        "trustme1", "access123", "login123", "user1234", "root1234"
    ]

    /// Whether `password` is one of them, ignoring case.
    static func contains(_ password: String) -> Bool {
        all.contains(password.lowercased())
    }
}
