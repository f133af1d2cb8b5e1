namespace NeevCloud.Operator.Cloud;

/// <summary>Every operation the client performs, in one table, so retryability is decided in one place.</summary>
internal static class CloudOperations
{
    public static readonly CloudOperation ListProjects = new("listProjects", HttpMethod.Get, Retryable: true, Mutates: false);
    public static readonly CloudOperation CreateProject = new("createProject", HttpMethod.Post, Retryable: false, Mutates: true);
    public static readonly CloudOperation GetProject = new("getProject", HttpMethod.Get, Retryable: true, Mutates: false);
    public static readonly CloudOperation UpdateProject = new("updateProject", HttpMethod.Patch, Retryable: false, Mutates: true);
    public static readonly CloudOperation DeleteProject = new("deleteProject", HttpMethod.Delete, Retryable: true, Mutates: true);

    public static readonly CloudOperation ListVms = new("listVMs", HttpMethod.Get, Retryable: true, Mutates: false);
    public static readonly CloudOperation CreateVm = new("createVM", HttpMethod.Post, Retryable: false, Mutates: true);
    public static readonly CloudOperation GetVm = new("getVM", HttpMethod.Get, Retryable: true, Mutates: false);
    public static readonly CloudOperation DeleteVm = new("deleteVM", HttpMethod.Delete, Retryable: true, Mutates: true);
    public static readonly CloudOperation StartVm = new("startVM", HttpMethod.Post, Retryable: true, Mutates: true);
    public static readonly CloudOperation StopVm = new("stopVM", HttpMethod.Post, Retryable: true, Mutates: true);
    public static readonly CloudOperation RestartVm = new("restartVM", HttpMethod.Post, Retryable: true, Mutates: true);

    public static readonly CloudOperation ListRootDisks = new("listRootDiskVolumes", HttpMethod.Get, Retryable: true, Mutates: false);
    public static readonly CloudOperation GetRootDisk = new("getRootDiskVolume", HttpMethod.Get, Retryable: true, Mutates: false);
    public static readonly CloudOperation DeleteRootDisk = new("deleteRootDiskVolume", HttpMethod.Delete, Retryable: true, Mutates: true);

    // A login only mints a session token (nothing in the account changes); a second one after a lost response costs nothing.
    public static readonly CloudOperation Login = new("login", HttpMethod.Post, Retryable: true, Mutates: false);
}
