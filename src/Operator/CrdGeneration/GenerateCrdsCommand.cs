using System.Text;

namespace NeevCloud.Operator.CrdGeneration;

/// <summary>
/// <c>neev-operator generate-crds --output &lt;dir&gt; [--docs &lt;file&gt;]</c>: writes one CRD manifest
/// per custom resource into the folder, removes generated files of resources that no longer exist,
/// and optionally the Markdown field reference.
/// </summary>
internal static class GenerateCrdsCommand
{
    private const string Usage = "usage: generate-crds --output <dir> [--docs <file>]";

    public static async Task<int> RunAsync(string[] args)
    {
        string? docs = null;
        if (args is ["--output" or "-o", var dir, "--docs", var file])
        {
            (args, docs) = (["--output", dir], file);
        }

        if (args is not ["--output" or "-o", var output])
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        output = Path.GetFullPath(output, InvocationDirectory());
        try
        {
            var crds = CrdGenerator.GenerateAll();
            Directory.CreateDirectory(output);
            foreach (var (fileName, yaml) in CrdManifests.Render(crds))
            {
                var path = Path.Combine(output, fileName);
                await File.WriteAllTextAsync(path, yaml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                Console.WriteLine($"wrote {path}");
            }

            foreach (var stale in CrdManifests.StaleFiles(output, crds))
            {
                File.Delete(stale);
                Console.WriteLine($"removed {stale}");
            }

            if (docs is not null)
            {
                docs = Path.GetFullPath(docs, InvocationDirectory());
                await File.WriteAllTextAsync(docs, CrdReference.Render(crds), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                Console.WriteLine($"wrote {docs}");
            }

            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"generate-crds: {ex.Message}");
            return 1;
        }
    }

    // `dotnet run` starts a Web SDK project in the project folder, not where the command was
    // typed; the shell's PWD still says where that was, so a relative --output means what the
    // user expects in both `dotnet run --project src/Operator -- ...` and a plain invocation.
    private static string InvocationDirectory() =>
        Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } pwd && Path.IsPathRooted(pwd) && Directory.Exists(pwd)
            ? pwd
            : Environment.CurrentDirectory;
}
