using System.Text.Json.Nodes;

namespace NeevCloud.Simulator.Tests.Infrastructure;

/// <summary>createVM bodies: a valid one built from the default catalog, to be broken one field at a time.</summary>
internal static class VmBodies
{
    public const string Ed25519Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl dev@example";
    public const string RsaKey = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7vbqajDhA7rJ0W+Xm0uZbnOqfKt3mZ2p9u3vD0N5lN9W dev@example";

    public static JsonObject Valid(string name = "web-1", bool deleteRootDisk = true) => new()
    {
        ["name"] = name,
        ["region_id"] = SimulatorDefaults.Regions[0],
        ["vm_config_id"] = SimulatorDefaults.VmConfigs[0],
        ["plan_id"] = SimulatorDefaults.Plans[0],
        ["gpu_config_count"] = 1,
        ["root_disk"] = new JsonObject
        {
            ["create_disk_request"] = new JsonObject
            {
                ["name"] = $"{name}-root".Length <= 20 ? $"{name}-root" : "root",
                ["size_gb"] = 20,
                ["image_id"] = SimulatorDefaults.Images[0],
            },
        },
        ["delete_root_disk"] = deleteRootDisk,
    };

    public static JsonObject Attaching(string name, string rootDiskId) => new()
    {
        ["name"] = name,
        ["region_id"] = SimulatorDefaults.Regions[0],
        ["vm_config_id"] = SimulatorDefaults.VmConfigs[0],
        ["plan_id"] = SimulatorDefaults.Plans[0],
        ["root_disk"] = new JsonObject { ["attach_disk_request"] = new JsonObject { ["disk_id"] = rootDiskId } },
    };
}
