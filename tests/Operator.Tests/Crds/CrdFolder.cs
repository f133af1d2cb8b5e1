namespace NeevCloud.Operator.Tests.Crds;

/// <summary>The checked-in CRD manifests (deploy/helm/neev-operator/crds), found from the test's output folder.</summary>
internal static class CrdFolder
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "NeevOperator.sln")))
            {
                return System.IO.Path.Combine(dir.FullName, "deploy", "helm", "neev-operator", "crds");
            }
        }

        throw new InvalidOperationException($"NeevOperator.sln not found above {AppContext.BaseDirectory}");
    }
}
