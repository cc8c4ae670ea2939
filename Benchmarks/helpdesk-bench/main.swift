import Foundation

// helpdesk-bench: performance benchmarks kept outside `swift test`.
// Run in release mode: swift run -c release helpdesk-bench inbox

let usage = """
    usage: helpdesk-bench inbox [--tickets N] [--data-dir DIR] [--iterations K] [--warmup W]
                                [--deep-pages P] [--seed S] [--max-seconds T] [--fresh]
           helpdesk-bench seed [--tickets N] [--data-dir DIR] [--seed S] [--fresh]
           helpdesk-bench live --tokens FILE --ticket N --change-token T [--url U] [--clients N] [--changes K]
           helpdesk-bench widget [--messages N] [--faq N] [--concurrency N]
           helpdesk-bench assignment [--operators N] [--tickets N] [--creations N] [--data-dir DIR]
           helpdesk-bench mail [--rounds N] [--warmup W] [--corpus DIR]
           helpdesk-bench copilot [--tickets N] [--data-dir DIR] [--questions FILE]... [--rounds K] [--max-seconds T]
           helpdesk-bench detector [--rounds N] [--fixtures DIR]
           helpdesk-bench train-detector [--fixtures DIR] [--output FILE] [--leave-out SET]... [--evaluate SET]...
           helpdesk-bench train-detector --cross-validate [--judge SET]...
           helpdesk-bench fake-bot-api [--port N]

      inbox   seeds N tickets into a SQLite database (or reuses one already seeded with N)
              and times inbox pages and text search in process and over HTTP.

      --tickets N       tickets to seed (default 1000000)
      --data-dir DIR    where the database lives (default /tmp/helpdesk-bench-<N>)
      --iterations K    timed runs per operation (default 2000)
      --warmup W        untimed runs per operation first (default 200)
      --deep-pages P    pages walked to get the deep-page cursor (default 2000, about 100k rows in)
      --seed S          PRNG seed of the ticket mix (default 42)
      --max-seconds T   stop timing one operation after T seconds, whatever K says (default 60)
      --fresh           discard an existing database and seed again

      seed        seeds (or reuses) the inbox benchmark's database and prints its directory: the database
                  scripts/bench serves, with the sign-in details in bench-state.json beside it

      live        operator WebSockets on a running server's /api/v1/live (tokens from FILE, used in turn), then
                  subject changes of one ticket, one at a time: p50/p99 from the PATCH to each client's event

      widget      a visitor message to the stored AI reply, built-in brain, 1,000 FAQ entries:
                  messages per second in process and over HTTP (defaults 4000 messages, 8 at once)
      assignment  creating a ticket with routing on (balanced, round robin) against off (manual),
                  1,000 operators (750 online), 1,000,000 tickets, 2000 creations per method
      mail        parsing the inbound mail corpus (Tests/Fixtures/mail, run from the repository root):
                  messages/s and MB/s in total and for plain, HTML and with-attachment messages, then with
                  reply text, automation and threading derived (defaults 2000 rounds, 20 warm-up rounds)
      copilot     the built-in interpreter's answers per second over the fixture questions (both files by
                  default, read from the repository root), in process through HelpDesk.copilot on the inbox
                  benchmark's seeded team (default 100000 tickets, 5 timed rounds), as the owner and as an operator
      detector    the human-request detector's time per message over the labelled corpora (Tests/Fixtures/
                  human-requests*.tsv, read from the repository root; default 20 rounds) and on one long message
      train-detector  fits the human-request detector's model to the labelled corpora (all but the held-out
                  blind set) and writes Sources/HelpDeskAI/HumanRequestDetector/human-request-model.bin (run from
                  the repository root, in release: it takes seconds there, minutes in debug); with --cross-validate,
                  scores every way of combining rules and model on the measured sets instead (see BENCHMARKS.md)
      fake-bot-api  a Telegram Bot API and WhatsApp Graph API double that answers every call at once (GET /stats counts
                  them), for scripts/bench-webhooks
    """

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "inbox":
        let options = try InboxBenchmark.Options(parsing: Array(arguments.dropFirst()))
        try await InboxBenchmark(options: options).run()
    case "seed":
        let options = try InboxBenchmark.Options(parsing: Array(arguments.dropFirst()))
        let database = try await BenchDatabase.prepare(options)
        try database.store.close()
        say(options.resolvedDataDirectory)
    case "live":
        try await LiveBenchmark(parsing: Array(arguments.dropFirst())).run()
    case "widget":
        try await WidgetBenchmark(parsing: Array(arguments.dropFirst())).run()
    case "assignment":
        try await AssignmentBenchmark(parsing: Array(arguments.dropFirst())).run()
    case "mail":
        try MailBenchmark(parsing: Array(arguments.dropFirst())).run()
    case "copilot":
        try await CopilotBenchmark(parsing: Array(arguments.dropFirst())).run()
    case "detector":
        try DetectorBenchmark(parsing: Array(arguments.dropFirst())).run()
    case "train-detector":
        try DetectorTraining(parsing: Array(arguments.dropFirst())).run()
    case "fake-bot-api":
        try await FakeBotAPIServer.run(parsing: Array(arguments.dropFirst()))
    case nil, "-h", "--help", "help":
        say(usage)
    default:
        throw BenchError.usage(
            "unknown benchmark \"\(arguments[0])\"; there are: inbox, seed, live, widget, assignment, mail, copilot, detector, train-detector, fake-bot-api"
        )
    }
} catch let error as BenchError {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    if case .usage = error { FileHandle.standardError.write(Data((usage + "\n").utf8)) }
    exit(64)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
