import Foundation
import PackagePlugin

/// Compiles a target's web assets, API document and data files (its `.js`, `.css`,
/// `.json` and `.bin` files) into the binary: one generated Swift file holds them all, read through
/// `EmbeddedAssets.file(named:)`. Declaring the files as the command's inputs
/// makes SwiftPM regenerate it when one changes, and counts them as handled, so
/// they need neither a resource rule nor an `exclude`.
@main
struct EmbedAssets: BuildToolPlugin {
    static let assetExtensions: Set<String> = ["js", "css", "json", "bin"]

    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let assets = target.sourceFiles
            .map(\.url)
            .filter { Self.assetExtensions.contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
        guard !assets.isEmpty else { return [] }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedAssets+Files.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(assets.count) asset files into \(target.name)",
                executable: try context.tool(named: "EmbedAssetsTool").url,
                arguments: [output.path] + assets.map(\.path),
                inputFiles: assets,
                outputFiles: [output])
        ]
    }
}
