namespace NeevCloud.Simulator.Endpoints;

/// <summary>The operationIds of docs/api (and "login"): the names fault rules and call counts use.</summary>
internal static class ApiOperations
{
    public const string Login = "login";
    public const string ListProjects = "listProjects";
    public const string CreateProject = "createProject";
    public const string GetProject = "getProject";
    public const string UpdateProject = "updateProject";
    public const string DeleteProject = "deleteProject";
    public const string ListVms = "listVMs";
    public const string CreateVm = "createVM";
    public const string GetVm = "getVM";
    public const string DeleteVm = "deleteVM";
    public const string StartVm = "startVM";
    public const string StopVm = "stopVM";
    public const string RestartVm = "restartVM";
    public const string ListRootDisks = "listRootDiskVolumes";
    public const string GetRootDisk = "getRootDiskVolume";
    public const string DeleteRootDisk = "deleteRootDiskVolume";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Login, ListProjects, CreateProject, GetProject, UpdateProject, DeleteProject, ListVms, CreateVm, GetVm, DeleteVm,
        StartVm, StopVm, RestartVm, ListRootDisks, GetRootDisk, DeleteRootDisk,
    };
}
