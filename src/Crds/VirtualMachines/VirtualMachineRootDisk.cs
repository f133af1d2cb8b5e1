using System.Text.Json.Serialization;
using NeevCloud.Crds.Attributes;

namespace NeevCloud.Crds.VirtualMachines;

/// <summary>The VM's boot disk: exactly one of create or attach.</summary>
[ValidationRule(
    "has(self.create) != has(self.attach)",
    message: "spec.rootDisk needs exactly one of create (a new disk) or attach (an existing disk)")]
public sealed class VirtualMachineRootDisk
{
    /// <summary>Create a new root disk by cloning a platform image.</summary>
    [JsonPropertyName("create")]
    public NewRootDisk? Create { get; set; }

    /// <summary>Boot from an existing root disk that no other VM uses.</summary>
    [JsonPropertyName("attach")]
    public ExistingRootDisk? Attach { get; set; }
}
