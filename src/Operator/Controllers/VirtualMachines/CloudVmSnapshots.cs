using System.Collections.Concurrent;
using NeevCloud.Crds.VirtualMachines;
using NeevCloud.Operator.Cloud;
using NeevCloud.Operator.Runtime;

namespace NeevCloud.Operator.Controllers.VirtualMachines;

/// <summary>
/// The VMs of each cloud project as one paginated LIST saw them, shared by every VirtualMachine of
/// that project: refreshing a thousand VMs costs one LIST per project, not a GET per VM (design §5).
/// Concurrent readers of a stale project share one LIST. When a LIST shows that a VM changed, the
/// VirtualMachine resource that owns it is queued at once, so status follows the cloud within one
/// LIST of any VM of the project.
/// </summary>
public sealed class CloudVmSnapshots(INeevCloudClient cloud, TimeProvider time) : ISecondaryWatch<VirtualMachine>
{
    private readonly ConcurrentDictionary<(string Org, string Project), ProjectVms> _projects = new();
    private readonly ConcurrentDictionary<string, string> _owners = new(StringComparer.Ordinal);
    private Action<string>? _enqueue;

    public void Attach(Action<string> enqueue) => _enqueue += enqueue;

    /// <summary>
    /// The project's VMs by id as a LIST started at most <paramref name="maxAge"/> ago saw them
    /// (<see cref="TimeSpan.Zero"/>: a LIST that starts now, e.g. to find a VM a lost answer hid).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, CloudVm>> GetAsync(
        string organizationId, string projectId, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var project = _projects.GetOrAdd((organizationId, projectId), _ => new ProjectVms());
        Task<IReadOnlyDictionary<string, CloudVm>> listing;
        lock (project)
        {
            var notBefore = time.GetUtcNow() - maxAge;
            if (project.Vms is { } fresh && project.TakenAt >= notBefore && maxAge > TimeSpan.Zero)
            {
                return fresh;
            }

            // A LIST already under way will do if it started late enough; otherwise start another.
            if (project.Listing is null || project.ListingStartedAt < notBefore || maxAge == TimeSpan.Zero)
            {
                project.ListingStartedAt = time.GetUtcNow();
                project.Listing = ListAsync(project, organizationId, projectId, project.ListingStartedAt);
            }

            listing = project.Listing;
        }

        return await listing.WaitAsync(cancellationToken);
    }

    /// <summary>What an action of ours (create, start, stop, delete) answered, until the next LIST.</summary>
    public void Record(string organizationId, string projectId, CloudVm vm)
    {
        var project = _projects.GetOrAdd((organizationId, projectId), _ => new ProjectVms());
        lock (project)
        {
            if (project.Vms is { } vms)
            {
                project.Vms = new Dictionary<string, CloudVm>(vms) { [vm.Id] = vm };
            }
        }
    }

    /// <summary>
    /// Keeps the project's LIST fresh until <paramref name="until"/> (<see cref="CloudVmPoller"/> lists
    /// it every poll interval): a VM that is moving then needs no pass of its own to notice it settled.
    /// </summary>
    public void KeepFresh(string organizationId, string projectId, DateTimeOffset until)
    {
        var project = _projects.GetOrAdd((organizationId, projectId), _ => new ProjectVms());
        lock (project)
        {
            if (until > project.FreshUntil)
            {
                project.FreshUntil = until;
            }
        }
    }

    /// <summary>The projects some moving VM asked to keep fresh at <paramref name="now"/>.</summary>
    public IReadOnlyList<(string OrganizationId, string ProjectId)> ProjectsToKeepFresh(DateTimeOffset now) =>
    [
        .. _projects.Where(p =>
        {
            lock (p.Value)
            {
                return p.Value.FreshUntil > now;
            }
        }).Select(p => p.Key),
    ];

    /// <summary>Routes changes of a cloud VM to the resource (its work-queue key) that manages it.</summary>
    public void Track(string vmId, string key) => _owners[vmId] = key;

    public void Untrack(string vmId) => _owners.TryRemove(vmId, out _);

    private async Task<IReadOnlyDictionary<string, CloudVm>> ListAsync(
        ProjectVms project, string organizationId, string projectId, DateTimeOffset started)
    {
        // Let the caller that created this task leave the lock first; the LIST itself is shared.
        await Task.Yield();
        try
        {
            var listed = new Dictionary<string, CloudVm>(StringComparer.Ordinal);
            await foreach (var vm in cloud.ListAllVmsAsync(organizationId, projectId, CancellationToken.None))
            {
                listed[vm.Id] = vm;
            }

            IReadOnlyDictionary<string, CloudVm>? previous = null;
            var newest = false;
            lock (project)
            {
                // Two LISTs may overlap; the one that started last has the last word.
                if (project.Vms is null || started >= project.TakenAt)
                {
                    previous = project.Vms;
                    project.Vms = listed;
                    project.TakenAt = started;
                    newest = true;
                }
            }

            if (newest)
            {
                NotifyChanges(previous, listed);
            }

            return listed;
        }
        finally
        {
            lock (project)
            {
                if (project.ListingStartedAt == started)
                {
                    project.Listing = null;
                }
            }
        }
    }

    private void NotifyChanges(IReadOnlyDictionary<string, CloudVm>? previous, Dictionary<string, CloudVm> current)
    {
        if (previous is null || _enqueue is not { } enqueue)
        {
            return;
        }

        foreach (var (id, vm) in current)
        {
            if ((!previous.TryGetValue(id, out var before) || !SameObservation(before, vm)) && _owners.TryGetValue(id, out var key))
            {
                enqueue(key);
            }
        }

        foreach (var id in previous.Keys)
        {
            if (!current.ContainsKey(id) && _owners.TryGetValue(id, out var key))
            {
                enqueue(key);
            }
        }
    }

    // Disks and ports are fixed at creation (the API has no update), so these are the fields that move.
    private static bool SameObservation(CloudVm a, CloudVm b) =>
        a.Status.Raw == b.Status.Raw && a.PublicIp == b.PublicIp && a.Message == b.Message;

    private sealed class ProjectVms
    {
        public IReadOnlyDictionary<string, CloudVm>? Vms { get; set; }

        public DateTimeOffset TakenAt { get; set; }

        public Task<IReadOnlyDictionary<string, CloudVm>>? Listing { get; set; }

        public DateTimeOffset ListingStartedAt { get; set; }

        public DateTimeOffset FreshUntil { get; set; }
    }
}
