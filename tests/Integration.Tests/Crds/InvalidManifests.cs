using System.Text.Json.Nodes;
using static Integration.Tests.Crds.Manifests;

namespace Integration.Tests.Crds;

/// <summary>
/// Every API constraint a user can get wrong, each as one valid manifest with one thing wrong.
/// The phrases are the API server's own wording for schema errors and ours for CEL rules.
/// </summary>
internal static class InvalidManifests
{
    private const string TooSmall = "should be greater than or equal to";
    private const string TooLarge = "should be less than or equal to";
    private const string NoMatch = "should match";
    private const string Missing = "Required value";
    private const string Duplicate = "Duplicate value";
    private const string NotInEnum = "Unsupported value";
    private const string TooMany = "must have at most";

    public static IReadOnlyDictionary<string, InvalidManifest> ByName { get; } = new InvalidManifest[]
    {
        // VirtualMachine: the name is the cloud VM name.
        new("vm name longer than 20 characters", VirtualMachine("web-server-number-0001"), "metadata.name", "at most 20 characters"),
        new("vm name with a dot", VirtualMachine("web.1"), "metadata.name", "DNS-1123 label"),

        // VirtualMachine: required fields and references.
        new("vm without spec", VirtualMachine().Without("spec"), "spec", Missing),
        new("vm without projectRef", VirtualMachine().Without("spec.projectRef"), "spec.projectRef", Missing),
        new("vm projectRef name not an object name", VirtualMachine().With("spec.projectRef.name", "Team_A"), "spec.projectRef.name", NoMatch),
        new("vm without regionId", VirtualMachine().Without("spec.regionId"), "spec.regionId", Missing),
        new("vm with empty vmConfigId", VirtualMachine().With("spec.vmConfigId", ""), "spec.vmConfigId", "at least 1 chars long"),
        new("vm without planId", VirtualMachine().Without("spec.planId"), "spec.planId", Missing),
        new("vm without rootDisk", VirtualMachine().Without("spec.rootDisk"), "spec.rootDisk", "only spec.vmId, adopting an existing VM, makes it optional"),
        new("vm observed only without vmId", VirtualMachine().With("spec.managementPolicy", "ObserveOnly"), "spec.managementPolicy", "needs spec.vmId"),
        new("vm replaced on approval yet adopted by id", VirtualMachine().With("spec.updatePolicy", "ReplaceOnApproval").With("spec.vmId", Uuid(3)), "spec.updatePolicy", "cannot be used with spec.vmId"),
        new("vm with an unknown update policy", VirtualMachine().With("spec.updatePolicy", "Replace"), "spec.updatePolicy", NotInEnum),
        new("vm adopting a malformed vmId", VirtualMachine().With("spec.vmId", "vm-1"), "spec.vmId", "at least 36 chars long"),
        new("project observed only without projectId", Project().With("spec.managementPolicy", "ObserveOnly"), "spec.managementPolicy", "needs spec.projectId"),
        new("unknown management policy", RootDisk().With("spec.managementPolicy", "Watch"), "spec.managementPolicy", NotInEnum),
        new("vm with negative gpuCount", VirtualMachine().With("spec.gpuCount", -1), "spec.gpuCount", TooSmall),
        new("vm with an unknown field", VirtualMachine().With("spec.cpuCount", 4), "spec.cpuCount", "unknown field"),

        // VirtualMachine: cost controls.
        new("vm schedule time not HH:MM", VirtualMachine().With("spec.powerSchedule", Schedule(start: "9:00")), "spec.powerSchedule.windows[0].start", NoMatch),
        new("vm schedule hour 24", VirtualMachine().With("spec.powerSchedule", Schedule(stop: "24:00")), "spec.powerSchedule.windows[0].stop", NoMatch),
        new("vm schedule unknown day", VirtualMachine().With("spec.powerSchedule", Schedule(day: "Funday")), "spec.powerSchedule.windows[0].days[0]", NotInEnum),
        new("vm schedule window of no length", VirtualMachine().With("spec.powerSchedule", Schedule(start: "09:00", stop: "09:00")), "spec.powerSchedule.windows[0].stop", "stop must differ from start"),
        new("vm schedule with 8 windows", VirtualMachine().With("spec.powerSchedule", Schedule().With("windows", Array(8, _ => Window()))), "spec.powerSchedule.windows", TooMany + " 7 items"),
        new("vm schedule without time zone", VirtualMachine().With("spec.powerSchedule", Schedule().Without("timeZone")), "spec.powerSchedule.timeZone", Missing),
        new("vm expiry not a time", VirtualMachine().With("spec.expiresAt", "tomorrow"), "spec.expiresAt", "date-time"),
        new("vm unknown expiry action", VirtualMachine().With("spec.onExpiry", "Hibernate"), "spec.onExpiry", NotInEnum),

        // Root disk: exactly one source, API sizes and names.
        new("vm root disk with both create and attach",
            VirtualMachine().With("spec.rootDisk.attach.diskId", DiskId), "spec.rootDisk", "exactly one of create"),
        new("vm root disk with neither create nor attach",
            VirtualMachine().With("spec.rootDisk", new JsonObject()), "spec.rootDisk", "exactly one of create"),
        new("vm root disk smaller than 20 GB", VirtualMachine().With("spec.rootDisk.create.sizeGb", 19), "spec.rootDisk.create.sizeGb", TooSmall + " 20"),
        new("vm root disk larger than 2048 GB", VirtualMachine().With("spec.rootDisk.create.sizeGb", 2049), "spec.rootDisk.create.sizeGb", TooLarge + " 2048"),
        new("vm root disk size as a string", VirtualMachine().With("spec.rootDisk.create.sizeGb", "50"), "spec.rootDisk.create.sizeGb", "must be of type integer"),
        new("vm root disk name with capitals", VirtualMachine().With("spec.rootDisk.create.name", "Web-1-Root"), "spec.rootDisk.create.name", NoMatch),
        new("vm root disk name longer than 20", VirtualMachine().With("spec.rootDisk.create.name", "web-server-1-root-disk"), "spec.rootDisk.create.name", "Too long"),
        new("vm root disk without image", VirtualMachine().Without("spec.rootDisk.create.imageId"), "spec.rootDisk.create.imageId", Missing),
        new("vm attach with both rootDiskRef and diskId",
            VirtualMachine().Without("spec.rootDisk.create").With("spec.rootDisk.attach.diskId", DiskId).With("spec.rootDisk.attach.rootDiskRef.name", "disk-1"),
            "spec.rootDisk.attach", "exactly one of rootDiskRef"),
        new("vm attach with neither rootDiskRef nor diskId",
            VirtualMachine().Without("spec.rootDisk.create").With("spec.rootDisk.attach", new JsonObject()),
            "spec.rootDisk.attach", "exactly one of rootDiskRef"),
        new("vm attach diskId not a UUID",
            VirtualMachine().Without("spec.rootDisk.create").With("spec.rootDisk.attach.diskId", "6f1c2a9e-3b7d-4c2e-9a51-0d8e7f6a5bXY"),
            "spec.rootDisk.attach.diskId", NoMatch),
        new("vm deleteRootDisk with an attached disk",
            VirtualMachine().Without("spec.rootDisk.create").With("spec.rootDisk.attach.diskId", DiskId).With("spec.deleteRootDisk", true),
            "spec.deleteRootDisk", "only be true with spec.rootDisk.create"),

        // Data disks: list limits, sizes, types, uniqueness.
        new("vm attaching 5 data disks", VirtualMachine().With("spec.dataDisks.attach", Array(5, i => ExistingDataDisk(Uuid(i)))), "spec.dataDisks.attach", TooMany + " 4 items"),
        new("vm creating 5 data disks", VirtualMachine().With("spec.dataDisks.create", Array(5, i => NewDataDisk($"data-{i}"))), "spec.dataDisks.create", TooMany + " 4 items"),
        new("vm attaching the same data disk twice",
            VirtualMachine().With("spec.dataDisks.attach", Array(ExistingDataDisk(Uuid(1)), ExistingDataDisk(Uuid(1)))), "spec.dataDisks.attach[1]", Duplicate),
        new("vm data disk id not a UUID", VirtualMachine().With("spec.dataDisks.attach", Array(ExistingDataDisk("disk-1"))), "spec.dataDisks.attach[0].diskId", "at least 36 chars long"),
        new("vm data disk smaller than 10 GB", VirtualMachine().With("spec.dataDisks.create", Array(NewDataDisk("data-1", sizeGb: 9))), "spec.dataDisks.create[0].sizeGb", TooSmall + " 10"),
        new("vm data disk larger than 2048 GB", VirtualMachine().With("spec.dataDisks.create", Array(NewDataDisk("data-1", sizeGb: 4096))), "spec.dataDisks.create[0].sizeGb", TooLarge + " 2048"),
        new("vm data disk of unknown type", VirtualMachine().With("spec.dataDisks.create", Array(NewDataDisk("data-1", type: "ssd"))), "spec.dataDisks.create[0].type", NotInEnum),
        new("vm data disks with the same name",
            VirtualMachine().With("spec.dataDisks.create", Array(NewDataDisk("data-1"), NewDataDisk("data-1", sizeGb: 20))), "spec.dataDisks.create[1]", Duplicate),

        // SSH keys: count, uniqueness, format and length.
        new("vm with 11 ssh keys", VirtualMachine().With("spec.sshKeys", Array(11, i => SshKey(i))), "spec.sshKeys", TooMany + " 10 items"),
        new("vm with a duplicate ssh key", VirtualMachine().With("spec.sshKeys", Array(SshKey(1), SshKey(1))), "spec.sshKeys[1]", Duplicate),
        new("vm with a dsa ssh key", VirtualMachine().With("spec.sshKeys", Array(SshKey().Replace("ssh-ed25519", "ssh-dss", StringComparison.Ordinal))), "spec.sshKeys[0]", NoMatch),
        new("vm with a too short ssh key", VirtualMachine().With("spec.sshKeys", Array("ssh-rsa AAAAB3NzaC1yc2E= me")), "spec.sshKeys[0]", "at least 50 chars long"),
        new("vm with a too long ssh key", VirtualMachine().With("spec.sshKeys", Array("ssh-rsa " + new string('A', 2000))), "spec.sshKeys[0]", "Too long"),

        // Exposed ports: range, port 22, protocol, uniqueness of (port, protocol), count.
        new("vm exposing port 22", VirtualMachine().With("spec.exposedPorts", Array(Port(22))), "spec.exposedPorts[0].port", "port 22 is reserved for SSH"),
        new("vm exposing port 0", VirtualMachine().With("spec.exposedPorts", Array(Port(0))), "spec.exposedPorts[0].port", TooSmall + " 1"),
        new("vm exposing port 65536", VirtualMachine().With("spec.exposedPorts", Array(Port(65536))), "spec.exposedPorts[0].port", TooLarge + " 65535"),
        new("vm exposing an icmp port", VirtualMachine().With("spec.exposedPorts", Array(Port(80, "icmp"))), "spec.exposedPorts[0].protocol", NotInEnum),
        new("vm exposing the same port and protocol twice (tcp by default)",
            VirtualMachine().With("spec.exposedPorts", Array(Port(443), Port(443, "tcp"))), "spec.exposedPorts[1]", Duplicate),
        new("vm exposing 11 ports", VirtualMachine().With("spec.exposedPorts", Array(11, i => Port(8000 + i))), "spec.exposedPorts", TooMany + " 10 items"),

        // Power, restart and deletion.
        new("vm with an unknown powerState", VirtualMachine().With("spec.powerState", "Paused"), "spec.powerState", NotInEnum),
        new("vm restartRequestedAt not a timestamp", VirtualMachine().With("spec.restartRequestedAt", "yesterday"), "spec.restartRequestedAt", "date-time"),
        new("vm with an unknown deletionPolicy", VirtualMachine().With("spec.deletionPolicy", "Retain"), "spec.deletionPolicy", NotInEnum),

        // Project.
        new("project with empty displayName", Project().With("spec.displayName", ""), "spec.displayName", "at least 1 chars long"),
        new("project displayName longer than 100", Project().With("spec.displayName", new string('p', 101)), "spec.displayName", "Too long"),
        new("project name longer than 100 without displayName", Project(new string('p', 101)), "spec.displayName", "limit of a project name"),
        new("project with empty organizationId", Project().With("spec.organizationId", ""), "spec.organizationId", "at least 1 chars long"),
        new("project with an unknown deletionPolicy", Project().With("spec.deletionPolicy", "Keep"), "spec.deletionPolicy", NotInEnum),

        // RootDisk.
        new("root disk without spec", RootDisk().Without("spec"), "spec", Missing),
        new("root disk without diskId", RootDisk().Without("spec.diskId"), "spec.diskId", Missing),
        new("root disk diskId not a UUID", RootDisk().With("spec.diskId", "not-a-uuid-but-exactly-36-characters"), "spec.diskId", NoMatch),
        new("root disk without projectRef", RootDisk().Without("spec.projectRef"), "spec.projectRef", Missing),
    }.ToDictionary(c => c.Name, StringComparer.Ordinal);

    private static JsonObject Schedule(string start = "09:00", string stop = "18:00", string day = "Mon") =>
        new() { ["timeZone"] = "Europe/Berlin", ["windows"] = Array(1, _ => Window(start, stop, day)) };

    private static JsonObject Window(string start = "09:00", string stop = "18:00", string day = "Mon") =>
        new() { ["days"] = new JsonArray(day), ["start"] = start, ["stop"] = stop };
}
