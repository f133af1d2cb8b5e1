using System.Reflection;
using Integration.Tests.Infrastructure;

namespace Soak.Tests.OutOfProcess;

/// <summary>
/// The operator and simulator programs of this checkout, from the build configuration this
/// assembly was built in (hack/test.sh and bench/run.sh build Release), run as a user runs them.
/// </summary>
internal static class BuiltAssemblies
{
    public static string Configuration { get; } =
        typeof(BuiltAssemblies).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "Configuration")?.Value
        ?? "Release";

    public static string Operator => Output("Operator", "neev-operator.dll");

    public static string Simulator => Output("NeevCloud.Simulator", "NeevCloud.Simulator.dll");

    private static string Output(string project, string assembly)
    {
        var path = RepositoryPaths.Combine("src", project, "bin", Configuration, "net10.0", assembly);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: build the solution first (dotnet build NeevOperator.sln -c {Configuration})", path);
    }
}
