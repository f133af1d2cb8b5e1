using NeevCloud.Simulator.Contracts;
using NeevCloud.Simulator.Domain;

namespace NeevCloud.Simulator.Validation;

/// <summary>
/// The field rules of CreateVMRequest, all checked at once so that one 400 names every bad field. Whether the
/// region, image, configuration, plan and disks exist is the store's business (404/409).
/// </summary>
internal static class VmRequestValidator
{
    private const int MaxDisksPerList = 4;
    private const int MaxSshKeys = 10;
    private const int MaxExposedPorts = 10;
    private const int SshPort = 22;

    public static Outcome<VmCreation> Validate(CreateVmRequest request)
    {
        var problems = new ValidationProblems();
        problems.RequireResourceName("name", request.Name);
        var region = problems.RequireText("region_id", request.RegionId);
        var vmConfig = problems.RequireText("vm_config_id", request.VmConfigId);
        var plan = problems.RequireText("plan_id", request.PlanId);
        if (request.GpuConfigCount is < 0)
        {
            problems.Add("gpu_config_count", "must not be negative");
        }

        var (attachRoot, newRoot) = ValidateRootDisk(request.RootDisk, problems);
        var (attachData, newData) = ValidateDataDisks(request.DataDisks, problems);
        if (attachRoot is Guid rootId && attachData.Contains(rootId))
        {
            problems.Add("data_disks.attached_disks", "must not repeat the root disk");
        }

        var sshKeys = ValidateSshKeys(request.SshKeys, problems);
        var ports = ValidatePorts(request.ExposedPorts, problems);
        if (problems.Any)
        {
            return problems.ToFailure();
        }

        return new VmCreation(
            request.Name!, region, vmConfig, plan, request.GpuConfigCount ?? 0, attachRoot, newRoot, attachData, newData,
            sshKeys, ports, newRoot is not null && request.DeleteRootDisk == true);
    }

    private static (Guid? Attach, NewDisk? Create) ValidateRootDisk(RootDiskRequest? rootDisk, ValidationProblems problems)
    {
        if (rootDisk is null)
        {
            problems.Add("root_disk", "is required");
            return (null, null);
        }

        if ((rootDisk.AttachDiskRequest is null) == (rootDisk.CreateDiskRequest is null))
        {
            problems.Add("root_disk", "must have exactly one of attach_disk_request and create_disk_request");
            return (null, null);
        }

        if (rootDisk.AttachDiskRequest is { } attach)
        {
            return (problems.RequireUuid("root_disk.attach_disk_request.disk_id", attach.DiskId), null);
        }

        const string At = "root_disk.create_disk_request";
        var create = rootDisk.CreateDiskRequest!;
        problems.RequireResourceName($"{At}.name", create.Name);
        problems.RequireRange($"{At}.size_gb", create.SizeGb, 20, 2048);
        var image = problems.RequireText($"{At}.image_id", create.ImageId);
        return (null, new NewDisk(create.Name ?? string.Empty, DiskTypes.Block, create.SizeGb ?? 0, image));
    }

    private static (IReadOnlyList<Guid> Attach, IReadOnlyList<NewDisk> Create) ValidateDataDisks(
        DataDisksRequest? dataDisks, ValidationProblems problems)
    {
        var attach = new List<Guid>();
        var create = new List<NewDisk>();
        if (dataDisks is null)
        {
            return (attach, create);
        }

        var attached = dataDisks.AttachedDisks ?? [];
        if (attached.Count > MaxDisksPerList)
        {
            problems.Add("data_disks.attached_disks", $"must have at most {MaxDisksPerList} items");
        }

        for (var i = 0; i < attached.Count; i++)
        {
            if (problems.RequireUuid($"data_disks.attached_disks[{i}].disk_id", attached[i]?.DiskId) is Guid id)
            {
                if (attach.Contains(id))
                {
                    problems.Add($"data_disks.attached_disks[{i}].disk_id", "is listed twice");
                }

                attach.Add(id);
            }
        }

        var created = dataDisks.CreateDisks ?? [];
        if (created.Count > MaxDisksPerList)
        {
            problems.Add("data_disks.create_disks", $"must have at most {MaxDisksPerList} items");
        }

        for (var i = 0; i < created.Count; i++)
        {
            var at = $"data_disks.create_disks[{i}]";
            var disk = created[i];
            problems.RequireResourceName($"{at}.name", disk?.Name);
            if (!DiskTypes.IsKnown(disk?.Type))
            {
                problems.Add($"{at}.type", disk?.Type is null ? "is required" : $"must be {DiskTypes.Block} or {DiskTypes.Filesystem}");
            }

            problems.RequireRange($"{at}.size_gb", disk?.SizeGb, 10, 2048);
            create.Add(new NewDisk(disk?.Name ?? string.Empty, disk?.Type ?? string.Empty, disk?.SizeGb ?? 0, null));
        }

        return (attach, create);
    }

    private static IReadOnlyList<string> ValidateSshKeys(IReadOnlyList<string?>? keys, ValidationProblems problems)
    {
        keys ??= [];
        if (keys.Count > MaxSshKeys)
        {
            problems.Add("ssh_keys", $"must have at most {MaxSshKeys} keys");
        }

        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            if (key is null || key.Length < 50 || key.Length > 2000 || !ResourcePatterns.SshPublicKey().IsMatch(key))
            {
                problems.Add($"ssh_keys[{i}]", "must be an OpenSSH ssh-rsa or ssh-ed25519 public key of 50 to 2000 characters");
            }
            else if (keys.Take(i).Contains(key, StringComparer.Ordinal))
            {
                problems.Add($"ssh_keys[{i}]", "is listed twice");
            }
        }

        return [.. keys.OfType<string>()];
    }

    private static IReadOnlyList<PortBinding> ValidatePorts(IReadOnlyList<ExposedPort?>? ports, ValidationProblems problems)
    {
        ports ??= [];
        if (ports.Count > MaxExposedPorts)
        {
            problems.Add("exposed_ports", $"must have at most {MaxExposedPorts} ports");
        }

        var bindings = new List<PortBinding>();
        for (var i = 0; i < ports.Count; i++)
        {
            var at = $"exposed_ports[{i}]";
            var port = ports[i];
            var valid = true;
            if (port?.Port is not int number || number < 1 || number > 65535)
            {
                problems.Add($"{at}.port", "must be between 1 and 65535");
                valid = false;
            }
            else if (number == SshPort)
            {
                problems.Add($"{at}.port", "must not be 22 (reserved for SSH: use ssh_keys)");
                valid = false;
            }

            if (port?.Protocol is not ("tcp" or "udp"))
            {
                problems.Add($"{at}.protocol", "must be tcp or udp");
                valid = false;
            }

            if (!valid)
            {
                continue;
            }

            var binding = new PortBinding(port!.Port!.Value, port.Protocol!);
            if (bindings.Contains(binding))
            {
                problems.Add(at, "repeats a port and protocol pair");
            }

            bindings.Add(binding);
        }

        return bindings;
    }
}
