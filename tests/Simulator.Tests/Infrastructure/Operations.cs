namespace NeevCloud.Simulator.Tests.Infrastructure;

/// <summary>Every token-protected operation as (operationId, method, path) against ids that need not exist.</summary>
internal static class Operations
{
    public const string AnyUuid = "6f1c2a4e-0b7d-4e3a-9c55-1d2e3f4a5b6c";

    public static IReadOnlyList<(string Operation, string Method, string Path)> ProtectedList(string projectId = "some-project") =>
    [
        ("listProjects", "GET", ApiClient.Projects()),
        ("createProject", "POST", ApiClient.Projects()),
        ("getProject", "GET", ApiClient.Project(projectId)),
        ("updateProject", "PATCH", ApiClient.Project(projectId)),
        ("deleteProject", "DELETE", ApiClient.Project(projectId)),
        ("listVMs", "GET", ApiClient.Vms(projectId)),
        ("createVM", "POST", ApiClient.Vms(projectId)),
        ("getVM", "GET", ApiClient.Vm(projectId, AnyUuid)),
        ("deleteVM", "DELETE", ApiClient.Vm(projectId, AnyUuid)),
        ("startVM", "POST", ApiClient.Vm(projectId, AnyUuid) + "/start"),
        ("stopVM", "POST", ApiClient.Vm(projectId, AnyUuid) + "/stop"),
        ("restartVM", "POST", ApiClient.Vm(projectId, AnyUuid) + "/restart"),
        ("listRootDiskVolumes", "GET", ApiClient.RootDisks(projectId)),
        ("getRootDiskVolume", "GET", ApiClient.RootDisk(projectId, AnyUuid)),
        ("deleteRootDiskVolume", "DELETE", ApiClient.RootDisk(projectId, AnyUuid)),
    ];

    public static TheoryData<string, string, string> Protected()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (operation, method, path) in ProtectedList())
        {
            data.Add(operation, method, path);
        }

        return data;
    }
}
