using NeevCloud.Simulator.Contracts;
using NeevCloud.Simulator.Validation;

namespace NeevCloud.Simulator.Domain;

/// <summary>The VM Service's root disk volumes: list, get and delete.</summary>
internal sealed partial class CloudState
{
    /// <summary>The project's root disks not yet removed (deleting ones included). Documents no 404: an unknown project lists nothing.</summary>
    public ListResponse<RootDiskVolumeResponse> ListRootDisks(string organizationId, string projectId, PageRequest page)
    {
        lock (_gate)
        {
            Advance();
            List<Volume> disks = FindProject(organizationId, projectId).Project is { } project
                ? [.. _volumes.Values.Where(v => v.ProjectId == project.Id && v.Kind == VolumeKind.Root).OrderBy(v => v.Sequence)]
                : [];
            return Paginator.Page(disks, page, ContractMapper.ToRootDiskResponse);
        }
    }

    public Outcome<RootDiskVolumeResponse> GetRootDisk(string organizationId, string projectId, Guid? diskId) =>
        WithRootDisk(organizationId, projectId, diskId, (_, _) => null);

    /// <summary>202 from ready or failed (deleting: no effect); 409 while a VM holds it.</summary>
    public Outcome<RootDiskVolumeResponse> DeleteRootDisk(string organizationId, string projectId, Guid diskId) =>
        WithRootDisk(organizationId, projectId, diskId, (disk, now) =>
        {
            if (disk.AttachedVmId is Guid vmId)
            {
                return Failure.Conflict(ErrorCodes.DiskAttached, $"Root disk {disk.Id} is attached to VM {vmId}; delete or detach the VM first.");
            }

            if (disk.Status != VolumeStatuses.Deleting)
            {
                Enter(disk, VolumeStatuses.Deleting, now);
            }

            return null;
        });

    private Outcome<RootDiskVolumeResponse> WithRootDisk(
        string organizationId, string projectId, Guid? diskId, Func<Volume, DateTimeOffset, Failure?> act)
    {
        lock (_gate)
        {
            var now = Advance();
            var (project, failure) = FindProject(organizationId, projectId);
            if (project is null)
            {
                return failure!;
            }

            if (diskId is not Guid id || !_volumes.TryGetValue(id, out var disk) || disk.ProjectId != project.Id || disk.Kind != VolumeKind.Root)
            {
                return Failure.NotFound($"Root disk {diskId?.ToString() ?? "(not a UUID)"} was not found in project {projectId}.");
            }

            failure = act(disk, now);
            return failure is null ? ContractMapper.ToRootDiskResponse(disk) : failure;
        }
    }
}
